import asyncio


async def probe(name, delay):
    await asyncio.sleep(delay)
    return f"{name}-ok"


async def main():
    tasks = [asyncio.create_task(probe(n, d), name=n)
             for n, d in [("eu", 0.3), ("us", 0.1), ("asia", 0.5), ("au", 0.1)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    done2, pending2 = await asyncio.wait(pending, timeout=0.25)
    print("within timeout:", sorted(t.get_name() for t in done2))
    for t in pending2:
        t.cancel()
    done3, _ = await asyncio.wait(pending2)
    print("cancelled:", sorted((t.get_name(), t.cancelled()) for t in done3))
    print("results:", sorted(t.result() for t in done | done2))


asyncio.run(main())
