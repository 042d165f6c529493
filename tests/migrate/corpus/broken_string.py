import asyncio


async def main():
    asyncio.ensure_future(main())
    print("""this docstring never ends)


asyncio.run(main())
