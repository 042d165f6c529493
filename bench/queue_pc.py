# asyncio.Queue (maxsize 100) with 10 producers of 10,000 items each and
# 10 consumers: put/get waiters, wake-ups, task_done/join.
import asyncio

PRODUCERS = 10
CONSUMERS = 10
ITEMS = 10000


async def producer(q, p):
    for k in range(ITEMS):
        await q.put(p * ITEMS + k)


async def consumer(q, sums, c):
    while True:
        item = await q.get()
        sums[c] += item
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=100)
    sums = [0] * CONSUMERS
    consumers = [asyncio.create_task(consumer(q, sums, c))
                 for c in range(CONSUMERS)]
    producers = [asyncio.create_task(producer(q, p))
                 for p in range(PRODUCERS)]
    await asyncio.gather(*producers)
    await q.join()
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    n = PRODUCERS * ITEMS
    total = sum(sums)
    print(f"queue items={n} total={total} ok={total == n * (n - 1) // 2}")


asyncio.run(main())
