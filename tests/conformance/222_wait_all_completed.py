import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    tasks = [asyncio.create_task(job(d), name=f"job{d}") for d in [0.3, 0.1, 0.2]]
    done, pending = await asyncio.wait(tasks)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    print("results:", [t.result() for t in tasks])


asyncio.run(main())
