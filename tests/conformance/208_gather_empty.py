import asyncio


async def main():
    result = await asyncio.gather()
    print("empty gather:", result)
    g = asyncio.gather()
    print("done at once:", g.done(), g.result())


asyncio.run(main())
