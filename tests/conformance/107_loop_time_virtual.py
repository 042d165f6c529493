import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print("t0", loop.time())
    await asyncio.sleep(1.5)
    print("t1", loop.time())
    await asyncio.sleep(0)
    print("t2", loop.time())
    await asyncio.sleep(2.25)
    print("t3", loop.time())


asyncio.run(main())
