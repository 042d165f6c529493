import asyncio


async def ok(n):
    await asyncio.sleep(0.1)
    return n


async def bad(n):
    await asyncio.sleep(0.05)
    raise ValueError(f"bad {n}")


async def main():
    results = await asyncio.gather(ok(1), bad(2), ok(3), bad(4), return_exceptions=True)
    for r in results:
        print(repr(r))


asyncio.run(main())
