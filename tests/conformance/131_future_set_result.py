import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("done", fut.done(), "cancelled", fut.cancelled())
    loop.call_soon(fut.set_result, 7)
    value = await fut
    print("awaited", value)
    print("done", fut.done(), "cancelled", fut.cancelled(), "result", fut.result())
    print("exception()", fut.exception())


asyncio.run(main())
