import asyncio


def report(fut):
    print("callback: cancelled", fut.cancelled(), "done", fut.done())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(report)
    fut.add_done_callback(lambda f: print("lambda callback"))
    fut.cancel()
    print("cancel called")
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
