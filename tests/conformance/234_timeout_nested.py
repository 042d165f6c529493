import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.5):
            try:
                async with asyncio.timeout(0.1):
                    await asyncio.sleep(1)
            except TimeoutError:
                print(f"inner timed out at {loop.time():.1f}")
            await asyncio.sleep(1)
    except TimeoutError:
        print(f"outer timed out at {loop.time():.1f}")
    try:
        async with asyncio.timeout(0.1) as outer:
            async with asyncio.timeout(0.5) as inner:
                await asyncio.sleep(1)
    except TimeoutError:
        print(f"outer fired first at {loop.time():.1f}", outer.expired(), inner.expired())


asyncio.run(main())
