import asyncio


async def daemon(name, period, counts):
    try:
        while True:
            await asyncio.sleep(period)
            counts[name] = counts.get(name, 0) + 1
    finally:
        print(f"{name} shut down after {counts.get(name, 0)} runs")


async def shutdown():
    current = asyncio.current_task()
    others = [t for t in asyncio.all_tasks() if t is not current]
    print("cancelling", sorted(t.get_name() for t in others))
    for t in others:
        t.cancel()
    results = await asyncio.gather(*others, return_exceptions=True)
    print("results:", [type(r).__name__ for r in results])


async def main():
    counts = {}
    for name, period in (("metrics", 0.3), ("gc", 0.5), ("sync", 0.7)):
        asyncio.create_task(daemon(name, period, counts), name=name)
    await asyncio.sleep(2)
    await shutdown()
    print(dict(sorted(counts.items())))


asyncio.run(main())
