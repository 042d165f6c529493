import asyncio


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    loop = asyncio.get_running_loop()
    print(f"started at {loop.time():.1f}")

    await say_after(1, 'hello')
    await say_after(2, 'world')

    print(f"finished at {loop.time():.1f}")


asyncio.run(main())
