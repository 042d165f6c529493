import asyncio


async def worker(name):
    for i in range(3):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(worker("A"), worker("B"))


asyncio.run(main())
