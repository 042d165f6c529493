# Done callbacks of the C Future: the first one is kept apart from the
# rest (fut_callback0), so removing and re-adding changes where they go,
# but never the order they are called in.
import asyncio


def make(tag, log):
    def cb(fut):
        log.append((tag, fut.result()))
    cb.__qualname__ = 'cb_' + tag
    return cb


async def main():
    loop = asyncio.get_running_loop()
    log = []
    a, b, c = make('a', log), make('b', log), make('c', log)

    f = loop.create_future()
    for cb in (a, b, c, b):
        f.add_done_callback(cb)
    print(len(f._callbacks), [t[0].__qualname__ for t in f._callbacks])
    print(f.remove_done_callback(b), [t[0].__qualname__ for t in f._callbacks])
    print(f.remove_done_callback(a), [t[0].__qualname__ for t in f._callbacks])
    f.add_done_callback(a)
    print([t[0].__qualname__ for t in f._callbacks])
    print(f.remove_done_callback(c), f.remove_done_callback(a), f._callbacks)
    f.add_done_callback(b)
    f.add_done_callback(a)
    print([t[0].__qualname__ for t in f._callbacks], repr(f).split(' at ')[0])
    f.set_result(1)
    print(f._callbacks)
    await asyncio.sleep(0)
    print(log)

    g = loop.create_future()
    g.add_done_callback(c)
    print(g.remove_done_callback(c), g._callbacks, g.remove_done_callback(c))
    g.add_done_callback(a)
    g.add_done_callback(c)
    g.remove_done_callback(a)
    g.add_done_callback(b)
    print([t[0].__qualname__ for t in g._callbacks])
    g.set_result(2)
    g.add_done_callback(a)
    await asyncio.sleep(0)
    print(log)


asyncio.run(main())
