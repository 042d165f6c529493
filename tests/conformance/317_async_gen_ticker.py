import asyncio


async def ticker(delay, to):
    """Yield numbers from 0 to *to* every *delay* seconds."""
    for i in range(to):
        yield i
        await asyncio.sleep(delay)


async def main():
    loop = asyncio.get_running_loop()
    async for i in ticker(0.5, 5):
        print(f"tick {i} at {loop.time():.1f}")
    squares = [i * i async for i in ticker(0.1, 4)]
    print(squares)
    evens = [i async for i in ticker(0, 10) if i % 2 == 0]
    print(evens)


asyncio.run(main())
