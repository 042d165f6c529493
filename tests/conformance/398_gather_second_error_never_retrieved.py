import asyncio


async def fail(n, delay):
    await asyncio.sleep(delay)
    raise ValueError(f"failure {n}")


async def main():
    try:
        await asyncio.gather(fail(1, 0.1), fail(2, 0.2))
    except ValueError as e:
        print("gather raised", e)
    await asyncio.sleep(0.5)
    print("the second failure is logged, not raised")


asyncio.run(main())
