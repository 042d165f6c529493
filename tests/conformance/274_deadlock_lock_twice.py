import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    print("acquired once; asyncio.Lock is not reentrant")
    await lock.acquire()
    print("never printed")


asyncio.run(main())
