import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()
    f1.set_result(5)
    f2.set_result(1)
    g = asyncio.gather(f1, f2)
    print("pending on return in 3.11:", not g.done())
    await asyncio.sleep(0)
    print("after one iteration:", g.done())
    print(await g)


asyncio.run(main())
