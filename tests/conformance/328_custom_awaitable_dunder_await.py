import asyncio


class Countdown:
    def __init__(self, n, delay):
        self.n = n
        self.delay = delay

    def __await__(self):
        for i in range(self.n, 0, -1):
            print("countdown", i)
            yield from asyncio.sleep(self.delay).__await__()
        return "liftoff"


class Delayed:
    def __init__(self, value):
        self.value = value

    def __await__(self):
        loop = asyncio.get_running_loop()
        fut = loop.create_future()
        loop.call_later(0.3, fut.set_result, self.value)
        return fut.__await__()


async def main():
    print(await Countdown(3, 0.1))
    print(await Delayed("delayed value"))
    t = asyncio.ensure_future(Countdown(2, 0.05))
    print(type(t).__name__, await t)


asyncio.run(main())
