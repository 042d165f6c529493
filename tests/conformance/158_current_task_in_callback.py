import asyncio


def cb():
    print("in callback, current_task:", asyncio.current_task())


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb)
    print("in main, current_task:", asyncio.current_task().get_name())
    await asyncio.sleep(0)


asyncio.run(main())
