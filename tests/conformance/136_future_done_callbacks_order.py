import asyncio


def make_cb(name):
    def cb(fut):
        print(name, "sees", fut.result())
    return cb


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for name in ["first", "second", "third"]:
        fut.add_done_callback(make_cb(name))
    print("setting result")
    fut.set_result("R")
    print("callbacks have not run yet")
    await asyncio.sleep(0)
    print("after one iteration")


asyncio.run(main())
