# remove_done_callback when __eq__ adds, removes or finishes meanwhile.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
def mk(n):
    def f(fut): print("run", n)
    f.__qualname__ = n
    return f
class Evil:
    def __init__(self, fut, action): self.fut = fut; self.action = action; self.n = 0
    def __eq__(self, other):
        self.n += 1
        if self.n == 2:
            self.action(self.fut)
        return False
    __hash__ = None
def names(fut):
    c = fut._callbacks
    return None if c is None else [x[0].__qualname__ for x in c]
async def main():
    loop = asyncio.get_running_loop()
    for label, action in [("add", lambda f: f.add_done_callback(mk("added"))),
                          ("setres", lambda f: f.set_result(1)),
                          ("rmall", lambda f: [f.remove_done_callback(x) for x in [f._callbacks[i][0] for i in range(len(f._callbacks))]])]:
        fut = loop.create_future()
        for n in ("a", "b", "c"): fut.add_done_callback(mk(n))
        try:
            r = fut.remove_done_callback(Evil(fut, action))
            print(label, "->", r, names(fut) if not fut.done() else ("done", fut._callbacks and names(fut)))
        except Exception as e: print(label, "!!", type(e).__name__, e)
        if not fut.done(): fut.set_result(0)
        await asyncio.sleep(0)
asyncio.run(main())
