import asyncio


async def worker(i):
    try:
        await asyncio.sleep(10)
    finally:
        print("worker", i, "finally")


async def main():
    tasks = [asyncio.create_task(worker(i)) for i in range(3)]
    await asyncio.sleep(0)
    for t in reversed(tasks):
        t.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
