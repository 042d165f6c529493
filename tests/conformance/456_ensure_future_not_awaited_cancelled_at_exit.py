import asyncio


async def background_sync(n):
    try:
        for i in range(n):
            await asyncio.sleep(0.3)
            print("synced batch", i)
    except asyncio.CancelledError:
        print("background_sync cancelled by asyncio.run")
        raise


async def main():
    asyncio.ensure_future(background_sync(10))
    await asyncio.sleep(1)
    print("main returns")
    return "main result"


print(asyncio.run(main()))
