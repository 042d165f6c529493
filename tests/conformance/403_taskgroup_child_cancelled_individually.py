import asyncio


async def job(n):
    await asyncio.sleep(n * 0.1)
    return n


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(job(n), name=f"job{n}") for n in range(1, 5)]
        await asyncio.sleep(0.15)
        tasks[2].cancel()
        print("cancelled job3 only")
    for t in tasks:
        print(t.get_name(), "cancelled" if t.cancelled() else t.result())


asyncio.run(main())
