import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for d in [0.1, 0.25, 0, 0.5]:
        await asyncio.sleep(d)
        print(f"slept {d}, now {loop.time():.2f}")


asyncio.run(main())
