import asyncio


def a(fut):
    print("a called")


def b(fut):
    print("b called")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(a)
    print("removed a:", fut.remove_done_callback(a))
    print("removed a again:", fut.remove_done_callback(a))
    fut.set_result(None)
    await fut
    await asyncio.sleep(0)
    print("done")


asyncio.run(main())
