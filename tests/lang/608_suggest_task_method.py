# A misspelt Task method, through the task that raised it.
import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(0))
    t.cancle()


asyncio.run(main())
