import asyncio


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 0.3
    try:
        async with asyncio.timeout_at(deadline) as cm:
            print("when equals deadline:", cm.when() == deadline)
            for i in range(10):
                await asyncio.sleep(0.1)
                print(f"step {i} at {loop.time():.1f}")
    except TimeoutError:
        print("deadline reached")


asyncio.run(main())
