import asyncio


async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallowed the cancellation")
    return "kept going"


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(0.5) as cm:
        r = await swallow()
        print("inner returned", r)
    print("expired:", cm.expired(), f"time {loop.time():.1f}")
    task = asyncio.current_task()
    print("cancelling count:", task.cancelling())


asyncio.run(main())
