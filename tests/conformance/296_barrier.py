import asyncio


async def worker(b, i):
    print("worker", i, "waiting")
    pos = await b.wait()
    print("worker", i, "passed", pos)


async def main():
    b = asyncio.Barrier(3)
    print(b.parties, b.n_waiting, b.broken)
    await asyncio.gather(*(worker(b, i) for i in range(3)))
    print(b.n_waiting, b.broken)
    await b.abort()
    print("broken:", b.broken)
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        print("BrokenBarrierError", e)


asyncio.run(main())
