import asyncio


async def forgotten():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("leftover task cancelled at shutdown")
        raise


async def main():
    asyncio.create_task(forgotten())
    await asyncio.sleep(0)
    print("main returns while a task is still pending")
    return "main value"


print(asyncio.run(main()))
