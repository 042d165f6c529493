# A waiting task's cancel() passes its message to the awaited future by position.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
class MyFut(asyncio.Future):
    def cancel(self, *args, **kwargs):
        print("MyFut.cancel", args, kwargs)
        return super().cancel(*args, **kwargs)
class Like:
    # Future-compatible object, cancel parameter not named msg
    _asyncio_future_blocking = False
    def __init__(self, loop):
        self._loop = loop; self.cbs = []
    def get_loop(self): return self._loop
    def add_done_callback(self, fn, *a, **k):
        print("Like.add_done_callback", k and sorted(k)); self.cbs.append(fn)
    def cancel(self, message=None):
        print("Like.cancel", message); return False
    def result(self): return "like-result"
    def __await__(self):
        self._asyncio_future_blocking = True
        return (yield self)
async def w(x):
    try:
        return await x
    except BaseException as e:
        print("w got", type(e).__name__, e); raise
async def main():
    loop = asyncio.get_running_loop()
    f = MyFut(loop=loop)
    t = asyncio.create_task(w(f))
    await asyncio.sleep(0)
    t.cancel("hello")
    await asyncio.sleep(0)
    print(t.done())
    # must_cancel path: cancel before first step, waiter is MyFut
    f = MyFut(loop=loop)
    t = asyncio.create_task(w(f))
    t.cancel("early")
    await asyncio.sleep(0); await asyncio.sleep(0)
    print(t.cancelled())
    # Future-like with cancel(message)
    l = Like(loop)
    t = asyncio.create_task(w(l))
    await asyncio.sleep(0)
    try:
        print("cancel ->", t.cancel("zz"))
    except BaseException as e:
        print("cancel raised", type(e).__name__, e)
    for cb in l.cbs: loop.call_soon(cb, l)
    await asyncio.sleep(0)
    print(t.done(), t.cancelled() if t.done() else None)
    l2 = Like(loop)
    t = asyncio.create_task(w(l2))
    t.cancel("pre")
    await asyncio.sleep(0)
    print("t must_cancel", t._must_cancel)
    await asyncio.sleep(0)
asyncio.run(main())
