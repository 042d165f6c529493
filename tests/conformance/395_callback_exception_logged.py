import asyncio


def on_done(fut):
    print("callback sees", fut.result())
    raise RuntimeError("bug in the callback")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(on_done)
    loop.call_later(0.1, fut.set_result, 7)
    print("awaited:", await fut)
    await asyncio.sleep(0.1)
    print("the loop keeps going after a failing callback")


asyncio.run(main())
