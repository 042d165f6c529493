import asyncio


async def main():
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(3)]
    loop.call_later(0.3, futs[0].set_result, "zero")
    loop.call_later(0.1, futs[1].set_result, "one")
    loop.call_later(0.2, futs[2].set_result, "two")
    g = asyncio.gather(*futs)
    print("outer type:", type(g).__name__, "done", g.done())
    print(await g)


asyncio.run(main())
