import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    same = asyncio.ensure_future(fut)
    print("ensure_future(fut) is fut:", same is fut)
    print("with loop=:", asyncio.ensure_future(fut, loop=loop) is fut)
    loop.call_soon(fut.set_result, "f")
    print(await same)


asyncio.run(main())
