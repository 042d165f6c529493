# Argument errors of the C Future and Task methods, in _asyncio's
# (Argument Clinic's) wording.
import asyncio
async def w(): pass
async def main():
    loop = asyncio.get_running_loop()
    c = w()
    f = loop.create_future()
    t = asyncio.create_task(w())
    tests = [lambda: asyncio.Future(1), lambda: f.set_result(), lambda: f.set_result(1, 2),
             lambda: f.add_done_callback(), lambda: f.remove_done_callback(),
             lambda: f.result(1), lambda: f.done(1), lambda: t.cancel(1, 2),
             lambda: f.cancel(msg=1, x=2), lambda: asyncio.Future(loop=loop, x=1),
             lambda: t.set_name(), lambda: t.uncancel(1), lambda: f.set_exception(1),
             lambda: f.set_exception(StopIteration), lambda: asyncio.Task(5),
             lambda: asyncio.Task(c, 5), lambda: asyncio.Task(c, x=1),
             lambda: asyncio.Task(), lambda: t.cancel(x=1), lambda: f.done(x=1),
             lambda: asyncio.Future.set_result(f), lambda: f.add_done_callback(print, 1)]
    for i, fn in enumerate(tests):
        try:
            r = fn()
            print(i, 'ok', r)
        except Exception as e:
            print(i, type(e).__name__, e)
    c.close()
    await t
asyncio.run(main())
