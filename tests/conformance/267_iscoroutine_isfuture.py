import asyncio


async def coro_fn():
    return 1


class Awaitable:
    def __await__(self):
        return coro_fn().__await__()


def plain():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    c = coro_fn()
    f = loop.create_future()
    t = asyncio.create_task(coro_fn())
    things = [("coroutine", c), ("coroutine function", coro_fn), ("future", f),
              ("task", t), ("int", 1), ("awaitable object", Awaitable()),
              ("plain function", plain), ("Future class", asyncio.Future)]
    for label, obj in things:
        print(f"{label}: iscoroutine={asyncio.iscoroutine(obj)} isfuture={asyncio.isfuture(obj)}")
    print("iscoroutinefunction:", asyncio.iscoroutinefunction(coro_fn), asyncio.iscoroutinefunction(plain))
    c.close()
    f.cancel()
    await t


asyncio.run(main())
