import asyncio


async def worker(name, sem):
    async with sem:
        print(name, "enters; locked() =", sem.locked())
        await asyncio.sleep(0.1)
    print(name, "leaves")


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*[worker(f"w{i}", sem) for i in range(5)])
    print("locked at the end:", sem.locked())


asyncio.run(main())
