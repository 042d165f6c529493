import asyncio


async def main():
    print(await asyncio.sleep(0.1, result="after a nap"))
    print(await asyncio.sleep(0, result=[1, 2]))
    print(await asyncio.sleep(0.2))


asyncio.run(main())
