# A misspelt asyncio function: the suggestion comes from dir(asyncio).
import asyncio


async def main():
    await asyncio.sleap(0)


asyncio.run(main())
