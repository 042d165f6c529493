# Task reprs for coroutine-like objects without cr_code or __qualname__.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
class C:
    def send(self, v): return None
    def throw(self, *a): raise StopIteration(1)
    def close(self): pass
    def __await__(self): return self
class D(C):
    __qualname__ = "DQual"
    __name__ = "dname"
class E(C):
    cr_running = True
async def main():
    for k in (C, D, E):
        t = asyncio.Task(k(), name="n")
        print(repr(t).replace(__file__.rsplit("564_", 1)[0], ""))
        t.cancel()
        await asyncio.sleep(0)
        print(repr(t).replace(__file__.rsplit("564_", 1)[0], ""))
    async def co(): pass
    x = co()
    t = asyncio.Task(x)
    print(repr(t).replace(__file__.rsplit("564_", 1)[0], ""))
    await t
    print(repr(t).replace(__file__.rsplit("564_", 1)[0], ""))
asyncio.run(main())
