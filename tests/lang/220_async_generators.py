import asyncio
import inspect
async def ticker(n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i
    finally:
        print("ticker cleanup")
async def main():
    out = []
    async for v in ticker(3):
        out.append(v)
    print(out)
    print([v async for v in ticker(2)])
    g = ticker(5)
    print(await g.__anext__(), await anext(g))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    async def echo():
        x = 0
        while True:
            x = yield x * 2
    e = echo()
    print(await e.asend(None), await e.asend(5), await e.asend(7))
    async def catcher():
        try:
            yield 1
        except ValueError as ex:
            yield "caught " + str(ex)
    c = catcher()
    print(await c.__anext__())
    print(await c.athrow(ValueError("boom")))
    try:
        await c.__anext__()
    except StopAsyncIteration:
        print("done after athrow")
    async def stubborn():
        try:
            yield 1
        finally:
            yield 2
    s = stubborn()
    await s.__anext__()
    try:
        await s.aclose()
    except RuntimeError as ex:
        print("RuntimeError:", ex)
    async def bad():
        raise StopAsyncIteration
        yield
    try:
        await bad().__anext__()
    except RuntimeError as ex:
        print("RuntimeError:", ex, type(ex.__cause__).__name__)
    a = ticker(1)
    print(type(a).__name__, inspect.isasyncgen(a), a.ag_running, a.__name__)
    aw = a.__anext__()
    print(type(aw).__name__)
    print(await aw)
    try:
        await aw
    except RuntimeError as ex:
        print("RuntimeError:", ex)
    await a.aclose()
    print(await a.aclose())
asyncio.run(main())
async def one():
    yield 1
async def closing():
    a = one()
    print(await a.aclose(), await a.aclose())
    try:
        print(await a.__anext__())
    except StopAsyncIteration:
        print("stop")
    b = one()
    try:
        await b.athrow(ValueError("x"))
    except ValueError as e:
        print("ValueError", e)
    print(await b.athrow(ValueError("y")))
    c = one()
    async for v in c:
        print("got", v)
    print(await c.athrow(KeyError("z")))
    print(c.ag_running, c.ag_frame, c.ag_await)
asyncio.run(closing())
