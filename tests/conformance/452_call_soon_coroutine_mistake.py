import asyncio


async def refresh():
    print("refresh ran")


async def main():
    loop = asyncio.get_running_loop()
    # mistake: call_soon calls the function, which only creates a coroutine object
    loop.call_soon(refresh)
    await asyncio.sleep(0.1)
    # right: wrap it in a task
    loop.call_soon(asyncio.ensure_future, refresh())
    await asyncio.sleep(0.1)
    print("done")


asyncio.run(main())

# tracecmp: warnings (the lines of stderr that warnings write are compared)
