# 100,000 tasks that each sleep(0) ten times: the engine's scale test
# (run by `make sanitize` under ASan + UBSan).
import asyncio


async def worker(i):
    for _ in range(10):
        await asyncio.sleep(0)
    return i


async def main():
    tasks = [asyncio.create_task(worker(i)) for i in range(100000)]
    total = 0
    for t in tasks:
        total += await t
    print("total", total)


asyncio.run(main())
