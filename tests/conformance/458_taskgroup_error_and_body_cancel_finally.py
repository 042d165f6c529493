import asyncio


async def failing():
    await asyncio.sleep(0.1)
    raise ArithmeticError("bad math")


async def main():
    steps = []
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing())
            try:
                await asyncio.sleep(1)
                steps.append("body finished sleeping")
            except asyncio.CancelledError:
                steps.append("body cancelled by the group")
                raise
            finally:
                steps.append("body finally")
    except* ArithmeticError as eg:
        steps.append(f"caught {len(eg.exceptions)} ArithmeticError")
    else:
        steps.append("no error")
    finally:
        steps.append("outer finally")
    print(steps)
    print("cancelling:", asyncio.current_task().cancelling())


asyncio.run(main())
