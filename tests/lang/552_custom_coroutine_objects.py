# Tasks over coroutine-like objects: __next__ when sending None, send, throw.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
class C:
    def __init__(self): self.n = 0
    def send(self, v):
        print("send", v); self.n += 1
        if self.n > 2: raise StopIteration("done-send")
        return None
    def throw(self, *a):
        print("throw", [type(x).__name__ for x in a])
        raise StopIteration("done-throw")
    def close(self): pass
    def __await__(self): return self
    def __next__(self):
        print("next"); self.n += 1
        if self.n > 2: raise StopIteration("done-next")
        return None
    def __iter__(self): return self
class D:
    # send raises StopIteration subclass / no args
    def send(self, v): raise StopIteration
    def throw(self, *a): raise StopIteration
    def close(self): pass
    def __await__(self): return self
async def main():
    t = asyncio.create_task(C())
    print(await t)
    t = asyncio.create_task(D())
    print(repr(await t))
    t = asyncio.create_task(C())
    t.cancel()
    try: print(await t)
    except asyncio.CancelledError as e: print("cancelled", repr(e))
    print(t.cancelled(), t.done())
asyncio.run(main())
