import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(d), name=f"job{d}") for d in [0.1, 0.5, 1]]
    done, pending = await asyncio.wait(tasks, timeout=0.3)
    print(f"returned at {loop.time():.1f} without raising")
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    for t in tasks:
        t.cancel()
    await asyncio.wait(tasks)
    print("cancelled:", [t.cancelled() for t in tasks])


asyncio.run(main())
