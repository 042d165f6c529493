import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.sleep(0.1, result="first"))
    values = await asyncio.gather(*(asyncio.sleep(d, result=d * 10) for d in (0.3, 0.1, 0.2)))
    print(values)
    start = loop.time()
    fired = []
    for offset in (0.35, 0.15, 0.25):
        loop.call_at(start + offset, fired.append, offset)
    await asyncio.sleep(0.5)
    print(fired, f"{loop.time() - start:.2f}")


asyncio.run(main())
