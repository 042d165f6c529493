import asyncio


class Delayed:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        return self.compute().__await__()

    async def compute(self):
        await asyncio.sleep(0.1)
        return self.value * 10


async def main():
    t = asyncio.ensure_future(Delayed(4))
    print("type:", type(t).__name__, "name:", t.get_name())
    print("coro:", t.get_coro().__qualname__)
    print("result:", await t)
    print("awaiting directly:", await Delayed(5))


asyncio.run(main())
