import asyncio


async def work():
    await asyncio.sleep(0)
    return 1


async def main():
    t = asyncio.create_task(work())
    try:
        t.set_result(5)
    except RuntimeError as e:
        print("set_result:", e)
    try:
        t.set_exception(ValueError())
    except RuntimeError as e:
        print("set_exception:", e)
    print("result", await t)


asyncio.run(main())
