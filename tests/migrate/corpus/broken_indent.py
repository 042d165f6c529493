import asyncio


async def work():
        await asyncio.sleep(0)
    return 1


async def main():
    return asyncio.ensure_future(work())
