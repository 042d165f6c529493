import asyncio


async def deep():
    await asyncio.sleep(0.1)
    raise KeyError("deep problem")


async def middle():
    return await asyncio.create_task(deep())


async def main():
    await middle()


asyncio.run(main())
