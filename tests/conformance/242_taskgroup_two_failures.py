import asyncio


async def fail(d, exc):
    await asyncio.sleep(d)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(0.2, KeyError("second")))
            tg.create_task(fail(0.1, ValueError("first")))
            tg.create_task(fail(0.1, TypeError("same tick")))
    except ExceptionGroup as eg:
        print(eg)
        for e in eg.exceptions:
            print(" ", repr(e))


asyncio.run(main())
