import asyncio


async def sleeper():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"cancelled at {loop.time():.2f}")
        raise


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.25)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("sleeper cancelled:", t.cancelled())
    loop = asyncio.get_running_loop()
    print(f"main ends at {loop.time():.2f}")


asyncio.run(main())
