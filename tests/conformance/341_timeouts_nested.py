import asyncio


async def step(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done at {asyncio.get_running_loop().time():.1f}")


async def main():
    try:
        async with asyncio.timeout(1.0) as outer:
            await step("a", 0.2)
            try:
                async with asyncio.timeout(0.3) as inner:
                    await step("b", 0.5)
            except TimeoutError:
                print("inner timed out:", inner.expired(), "outer:", outer.expired())
            await step("c", 0.3)
            async with asyncio.timeout(5):
                await step("d", 2.0)
    except TimeoutError:
        print("outer timed out:", outer.expired())
    print(f"end at {asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
