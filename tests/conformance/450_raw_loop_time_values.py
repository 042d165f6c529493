import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    stamps = []
    for _ in range(5):
        await asyncio.sleep(0.1)
        stamps.append(loop.time())
    print(stamps)
    print("elapsed", loop.time() - start)
    await asyncio.sleep(1 / 3)
    print("after a third:", loop.time())
    await asyncio.gather(asyncio.sleep(0.7), asyncio.sleep(0.2))
    print("after gather:", loop.time(), round(loop.time(), 3))


asyncio.run(main())
