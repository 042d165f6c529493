import asyncio


async def query():
    await asyncio.sleep(10)


async def main():
    print("querying with a 1s limit")
    await asyncio.wait_for(query(), 1)


asyncio.run(main())
