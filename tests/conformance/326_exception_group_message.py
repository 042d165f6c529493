import asyncio


async def boom(kind, delay):
    await asyncio.sleep(delay)
    raise kind(f"{kind.__name__} after {delay}")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(boom(KeyError, 0.1))
            tg.create_task(boom(OSError, 0.1))
    except ExceptionGroup as eg:
        print(type(eg).__name__, "-", eg)
        print("message:", eg.message)
        for e in eg.exceptions:
            print("  ", type(e).__name__, repr(e))
        match_, rest = eg.split(KeyError)
        print("split:", len(match_.exceptions), len(rest.exceptions))
        sub = eg.subgroup(lambda e: isinstance(e, OSError))
        print("subgroup:", sub.exceptions)


asyncio.run(main())
