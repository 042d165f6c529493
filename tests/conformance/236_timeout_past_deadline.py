import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0):
            print("body starts even though the deadline has passed")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print(f"TimeoutError at {loop.time():.1f}")
    try:
        async with asyncio.timeout(-1):
            print("no await inside, so no cancellation lands")
    except TimeoutError:
        print("not raised")
    print("cancelling() after the timeout that never fired:", asyncio.current_task().cancelling())
    await asyncio.sleep(0)
    print("done")


asyncio.run(main())
