# Tasks whose coroutine yields generators or bare values.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio, types
def g(f):
    yield
    r = yield from f
    print("g got", r)
    yield
    return "gen-ret"
@types.coroutine
def tc(f):
    r = yield from f
    return r * 2
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.ensure_future(g(f))
    print(type(t).__name__, t.get_coro().__class__.__name__)
    await asyncio.sleep(0); await asyncio.sleep(0)
    f.set_result(5)
    print(await t)
    f2 = loop.create_future(); loop.call_soon(f2.set_result, 21)
    print(await tc(f2))
    t2 = asyncio.Task(g(loop.create_future()))
    await asyncio.sleep(0); await asyncio.sleep(0)
    t2.cancel("gc")
    try: await t2
    except asyncio.CancelledError as e: print("t2", repr(e))
    print(repr(t2).replace(__file__.rsplit("561_", 1)[0], ""))
asyncio.run(main())
