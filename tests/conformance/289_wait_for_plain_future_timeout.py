import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    try:
        await asyncio.wait_for(fut, 0.3)
    except TimeoutError:
        print(f"timed out at {loop.time():.1f}")
    print("the future was cancelled:", fut.cancelled())


asyncio.run(main())
