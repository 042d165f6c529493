# 200,000 futures made by loop.create_future, each completed by a
# call_soon callback and awaited by the main task.
import asyncio

N = 200000


async def main():
    loop = asyncio.get_running_loop()
    total = 0
    batch = 1000
    for start in range(0, N, batch):
        futs = []
        for i in range(start, start + batch):
            f = loop.create_future()
            loop.call_soon(f.set_result, i)
            futs.append(f)
        for f in futs:
            total += await f
    expected = N * (N - 1) // 2
    print(f"futures n={N} total={total} ok={total == expected}")


asyncio.run(main())
