# 100,000 tasks that each await asyncio.sleep(0) ten times: task steps,
# the ready queue and Task.__step/__wakeup dominate.
import asyncio

N = 100000


async def worker(i):
    for _ in range(10):
        await asyncio.sleep(0)
    return i


async def main():
    tasks = [asyncio.create_task(worker(i)) for i in range(N)]
    total = 0
    for t in tasks:
        total += await t
    expected = N * (N - 1) // 2
    print(f"sleep0_tasks tasks={N} total={total} ok={total == expected}")


asyncio.run(main())
