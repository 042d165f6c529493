# _callbacks: the future's own list when the first callback is not kept apart.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
def cb(name):
    def f(fut): print("cb", name)
    f.__qualname__ = name
    return f
class Eq:
    def __init__(self, n): self.n = n
    def __call__(self, fut): print("Eq called", self.n)
    def __eq__(self, o): return isinstance(o, Eq) and o.n == self.n
    __hash__ = None
async def main():
    loop = asyncio.get_running_loop()
    a, b, c = cb("a"), cb("b"), cb("c")
    f = loop.create_future()
    f.add_done_callback(a); f.add_done_callback(b); f.add_done_callback(c)
    print(f.remove_done_callback(a))
    cbs = f._callbacks
    print(len(cbs), cbs is f._callbacks)
    cbs.append((a, None))
    print("after append", len(f._callbacks))
    f.add_done_callback(a)
    print([x[0].__qualname__ for x in f._callbacks])
    # remove all from list -> empty?
    print(f.remove_done_callback(b), f.remove_done_callback(c), f.remove_done_callback(a))
    print(f._callbacks)
    f.add_done_callback(c)
    print([x[0].__qualname__ for x in f._callbacks])
    f.set_result(1)
    await asyncio.sleep(0)
    # duplicates
    f = loop.create_future()
    for x in (a, a, b, a): f.add_done_callback(x)
    print("dup", f.remove_done_callback(a), [x[0].__qualname__ for x in f._callbacks])
    # Eq
    f = loop.create_future()
    for n in (1, 2, 1, 3): f.add_done_callback(Eq(n))
    print("eq", f.remove_done_callback(Eq(1)), len(f._callbacks))
    print("eq2", f.remove_done_callback(Eq(3)), len(f._callbacks))
    print("eq3", f.remove_done_callback(Eq(2)), f._callbacks)
    # len==1 list case: callback0 removed, then list of 1
    f = loop.create_future()
    f.add_done_callback(a); f.add_done_callback(b)
    print("l1", f.remove_done_callback(a), [x[0].__qualname__ for x in f._callbacks])
    f.add_done_callback(c)
    print("l1b", [x[0].__qualname__ for x in f._callbacks])
    f.set_result(None)
    await asyncio.sleep(0)
    # remove on done
    print("done rm", f.remove_done_callback(a))
    # context kwarg
    f = loop.create_future()
    f.add_done_callback(a, context=None)
    try: f.add_done_callback(a, None)
    except TypeError as e: print("TE", e)
    try: f.add_done_callback(fn=a)
    except TypeError as e: print("TE2", e)
    try: f.add_done_callback()
    except TypeError as e: print("TE3", e)
    try: f.remove_done_callback()
    except TypeError as e: print("TE4", e)
    try: f.result(1)
    except TypeError as e: print("TE5", e)
    try: f.cancel(1, 2)
    except TypeError as e: print("TE6", e)
    try: f.cancel(foo=1)
    except TypeError as e: print("TE7", e)
    try: asyncio.Future(1)
    except TypeError as e: print("TE8", e)
    try: asyncio.Future(lop=1)
    except TypeError as e: print("TE9", e)
    f.cancel()
    await asyncio.sleep(0)
asyncio.run(main())
