import asyncio


def watcher(fut):
    pass


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(repr(f))
    f.add_done_callback(watcher)
    print(repr(f))
    f.remove_done_callback(watcher)
    f.set_result([1, 2])
    print(repr(f))
    g = loop.create_future()
    g.set_exception(ValueError("x"))
    print(repr(g))
    g.exception()
    h = loop.create_future()
    h.cancel()
    print(repr(h))
    w = loop.create_future()
    t = asyncio.create_task(w_wait(w))
    await asyncio.sleep(0)
    print(repr(w))
    w.set_result(None)
    await t


async def w_wait(w):
    await w


asyncio.run(main())
