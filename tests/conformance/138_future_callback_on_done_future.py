import asyncio


def cb(fut):
    print("callback sees", fut.result())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result(99)
    fut.add_done_callback(cb)
    print("added to a done future; not called synchronously")
    await asyncio.sleep(0)
    print("after one iteration")
    print("removing now:", fut.remove_done_callback(cb))


asyncio.run(main())
