import asyncio


async def background(name):
    try:
        await asyncio.sleep(10)
    finally:
        print(name, "cleaned up at shutdown")


async def main():
    asyncio.create_task(background("bg1"))
    asyncio.create_task(background("bg2"))
    await asyncio.sleep(0.1)
    raise RuntimeError("main gives up")


asyncio.run(main())
