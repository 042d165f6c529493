import asyncio

SENTINEL = None


async def produce(out_q, items):
    for item in items:
        await asyncio.sleep(0.05)
        await out_q.put(item)
        print(f"produced {item}")
    await out_q.put(SENTINEL)


async def transform(in_q, out_q, fn, label):
    while True:
        item = await in_q.get()
        if item is SENTINEL:
            await out_q.put(SENTINEL)
            print(f"{label} done")
            return
        await asyncio.sleep(0.02)
        await out_q.put(fn(item))


async def consume(in_q):
    results = []
    while (item := await in_q.get()) is not SENTINEL:
        results.append(item)
    return results


async def main():
    q1, q2, q3 = asyncio.Queue(), asyncio.Queue(maxsize=1), asyncio.Queue()
    stages = [
        asyncio.create_task(produce(q1, range(5))),
        asyncio.create_task(transform(q1, q2, lambda x: x * 10, "times10")),
        asyncio.create_task(transform(q2, q3, lambda x: f"<{x}>", "wrap")),
    ]
    results = await consume(q3)
    await asyncio.gather(*stages)
    print(results)


asyncio.run(main())
