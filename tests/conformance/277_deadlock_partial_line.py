import asyncio


async def main():
    print("no newline before the deadlock", end="")
    await asyncio.get_running_loop().create_future()


asyncio.run(main())
