import asyncio


async def nap(name, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{name} woke at {loop.time():.2f}")


async def main():
    await asyncio.gather(nap("long", 0.3), nap("short", 0.1), nap("medium", 0.2))


asyncio.run(main())
