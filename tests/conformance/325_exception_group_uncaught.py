import asyncio


async def worker(i):
    await asyncio.sleep(0.1 * i)
    if i % 2:
        raise RuntimeError(f"worker {i} failed")
    return i


async def main():
    async with asyncio.TaskGroup() as tg:
        for i in range(4):
            tg.create_task(worker(i), name=f"worker-{i}")
    print("unreachable")


asyncio.run(main())
