import asyncio


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_future()
    b = loop.create_future()
    loop.call_later(0.2, a.set_result, "a")
    loop.call_later(0.1, b.set_result, "b")
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(f.result() for f in done), "pending:", len(pending))
    print(f"time {loop.time():.1f}")
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print("second wait done:", sorted(f.result() for f in done), "pending:", len(pending))


asyncio.run(main())
