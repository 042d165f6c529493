import asyncio


async def sleeper():
    await asyncio.sleep(1)
    return "slept"


async def failing():
    raise ValueError("oops")


async def main():
    t = asyncio.create_task(sleeper())
    print(repr(t))
    await asyncio.sleep(0)
    print(repr(t))
    t.cancel()
    print(repr(t))
    await asyncio.sleep(0)
    print(repr(t))
    u = asyncio.create_task(sleeper())
    await asyncio.sleep(2)
    print(repr(u))
    v = asyncio.create_task(failing())
    await asyncio.sleep(0)
    print(repr(v))
    v.exception()


asyncio.run(main())
