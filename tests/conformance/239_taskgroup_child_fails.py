import asyncio


async def slow(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, "cancelled by the group")
        raise


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("child failed")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            a = tg.create_task(slow("a"))
            tg.create_task(fail())
            b = tg.create_task(slow("b"))
            await asyncio.sleep(5)
            print("not reached")
    except ExceptionGroup as eg:
        print("ExceptionGroup:", eg)
        print("inner:", [repr(e) for e in eg.exceptions])
    print("siblings cancelled:", a.cancelled(), b.cancelled())


asyncio.run(main())
