# asyncio.isfuture on every kind of object ensure_future and gather
# look at: coroutines, generators, futures and tasks (initialised or
# not, their blocking flag set to None), subclasses, duck types.
import asyncio


class MyFuture(asyncio.Future):
    pass


class Duck:
    _asyncio_future_blocking = False


class NoneDuck:
    _asyncio_future_blocking = None


def gen():
    yield 1


async def co():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f._asyncio_future_blocking = None
    bare = asyncio.Future.__new__(asyncio.Future)
    t = asyncio.ensure_future(co())
    c = co()
    g = gen()
    things = [("future", f), ("bare future", bare), ("task", t),
              ("my future", MyFuture()), ("coroutine", c), ("generator", g),
              ("duck", Duck()), ("none duck", NoneDuck()),
              ("Future class", asyncio.Future), ("int", 3)]
    for label, obj in things:
        print(label, asyncio.isfuture(obj), f._asyncio_future_blocking)
    c.close()
    await t


asyncio.run(main())
