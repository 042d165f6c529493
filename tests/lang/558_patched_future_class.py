# asyncio.Future replaced by a program: tasks still start from the C Future.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
Orig = asyncio.Future
class MyF(Orig):
    def __init__(self, *a, **k):
        print("MyF.__init__", type(self).__name__)
        super().__init__(*a, **k)
asyncio.Future = MyF
async def c(): return 1
async def main():
    t = asyncio.ensure_future(c())
    print(await t)
    print(isinstance(t, MyF))
asyncio.run(main())
