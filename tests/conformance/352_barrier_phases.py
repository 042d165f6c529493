import asyncio


async def runner(name, barrier, delay):
    await asyncio.sleep(delay)
    print(f"{name} reached the barrier")
    idx = await barrier.wait()
    print(f"{name} passes (index {idx})")
    await asyncio.sleep(delay)
    idx = await barrier.wait()
    return name, idx


async def main():
    barrier = asyncio.Barrier(3)
    print("parties:", barrier.parties, "waiting:", barrier.n_waiting, "broken:", barrier.broken)
    results = await asyncio.gather(
        runner("ann", barrier, 0.3), runner("bob", barrier, 0.1), runner("cy", barrier, 0.2))
    print(results)
    await barrier.abort()
    print("broken after abort:", barrier.broken)
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print("BrokenBarrierError", type(e).__mro__[1].__name__)


asyncio.run(main())
