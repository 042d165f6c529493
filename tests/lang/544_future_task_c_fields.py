# asyncio.Future and asyncio.Task as python3 runs them (_asyncio's C
# types, not the oracle's pure-Python ones): getset fields, read-only
# ones, no instance __dict__, FutureIter, uninitialised futures and
# subclass instances.
import asyncio
async def w(): pass
def cb(f): pass
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print([n for n in dir(asyncio.Future) if not n.startswith('__')])
    print([n for n in dir(asyncio.Task) if not n.startswith('__')])
    print(repr(asyncio.Future._state), type(asyncio.Task.__dict__['_coro']).__name__)
    t = asyncio.create_task(w())
    for o, name in ((f, '_state'), (t, '_state'), (t, '_coro'), (f, '_loop')):
        try:
            setattr(o, name, 1)
        except AttributeError as e:
            print('AttributeError:', e)
    try:
        del f._asyncio_future_blocking
    except AttributeError as e:
        print('AttributeError:', e)
    try:
        vars(f)
    except TypeError as e:
        print('TypeError:', e)
    print(hasattr(f, '__dict__'), f._callbacks)
    f.add_done_callback(cb)
    print(len(f._callbacks), f._callbacks[0][0] is cb, len(f._callbacks[0]))
    print(f.remove_done_callback(cb), f._callbacks)
    it = f.__await__()
    print(type(it).__name__, type(it).__module__, iter(it) is it)
    print(it.send(1) is f, f._asyncio_future_blocking)
    try:
        next(it)
    except RuntimeError as e:
        print('RuntimeError:', e)
    it = f.__await__()
    f.set_result(5)
    try:
        next(it)
    except StopIteration as e:
        print('StopIteration', e.value)
    f2 = loop.create_future()
    f2._asyncio_future_blocking = 'yes'
    print(f2._asyncio_future_blocking)
    try:
        f2._log_traceback = True
    except ValueError as e:
        print('ValueError:', e)
    f2._cancel_message = 'm'
    print(f2._cancel_message, f2.cancel(), f2._cancel_message)
    try:
        f2.result()
    except asyncio.CancelledError as e:
        print('CancelledError', e.args)
    print(t._log_destroy_pending, t._must_cancel, t._fut_waiter, t.get_coro() is t._coro)
    t._log_destroy_pending = 0
    print(t._log_destroy_pending)
    class F(asyncio.Future):
        pass
    g = F()
    g.y = 2
    print(g.y, type(g).__mro__)
    u = asyncio.Future.__new__(asyncio.Future)
    for m in (u.result, u.get_loop, u.exception, u.set_result,
              u.add_done_callback, u.remove_done_callback):
        try:
            m(print) if m in (u.add_done_callback, u.remove_done_callback,
                              u.set_result) else m()
        except Exception as e:
            print(type(e).__name__, e)
    for name in ('_state', '_loop', '_callbacks', '_result',
                 '_asyncio_future_blocking', '_log_traceback'):
        try:
            print(name, getattr(u, name))
        except RuntimeError as e:
            print(name, 'RuntimeError:', e)
    print(u.done(), u.cancelled())
    await t
    try:
        asyncio.Task._state.__get__(5)
    except TypeError as e:
        print("TypeError:", e)
    print(asyncio.Future._state.__get__(None, asyncio.Future) is asyncio.Future._state)
    print(asyncio.Task._coro.__get__(t) is t.get_coro())
    try:
        pass
    except TypeError as e:
        print('TypeError:', e)
asyncio.run(main())
