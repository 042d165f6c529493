import asyncio


async def worker(name, first, second):
    async with first:
        print(f"{name} holds its first lock")
        await asyncio.sleep(0.1)
        async with second:
            print(f"{name} holds both")


async def main():
    a, b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(worker("w1", a, b), worker("w2", b, a))
    print("unreachable")


asyncio.run(main())
