import asyncio


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        await asyncio.sleep(0.1)
        self.n -= 1
        return self.n + 1


async def main():
    loop = asyncio.get_running_loop()
    async for i in Countdown(3):
        print(f"{i} at {loop.time():.1f}")
    print([x async for x in Countdown(2)])


asyncio.run(main())
