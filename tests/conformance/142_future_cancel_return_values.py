import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("first cancel ->", fut.cancel())
    print("second cancel ->", fut.cancel())
    print("done", fut.done(), "cancelled", fut.cancelled())
    done = loop.create_future()
    done.set_result(1)
    print("cancel finished ->", done.cancel())
    print("done", done.done(), "cancelled", done.cancelled())


asyncio.run(main())
