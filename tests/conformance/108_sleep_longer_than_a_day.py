import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(100000)
    print("woke at", loop.time())


asyncio.run(main())
