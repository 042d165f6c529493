import asyncio


async def square(x):
    await asyncio.sleep(0.01)
    return x * x


async def main():
    squares = (await square(i) for i in range(5))
    print(type(squares).__name__)
    total = 0
    async for s in squares:
        total += s
        print("running total", total)
    evens = [s async for s in (await square(i) for i in range(6)) if s % 2 == 0]
    print(evens)


asyncio.run(main())
