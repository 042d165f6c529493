# asyncio.gather of 10,000 coroutines, ten rounds: gather's wrapping of
# coroutines into tasks and its done-callback bookkeeping.
import asyncio

N = 10000
ROUNDS = 10


async def square(i):
    await asyncio.sleep(0)
    return i * i


async def main():
    total = 0
    for r in range(ROUNDS):
        results = await asyncio.gather(*[square(i + r) for i in range(N)])
        total += sum(results)
    expected = 0
    for r in range(ROUNDS):
        for i in range(N):
            expected += (i + r) * (i + r)
    print(f"gather n={N} rounds={ROUNDS} total={total} ok={total == expected}")


asyncio.run(main())
