import asyncio


async def nested():
    return 42


async def main():
    # Nothing happens if we just call "nested()".
    # A coroutine object is created but not awaited,
    # so it *won't run at all*.
    coro = nested()
    print(type(coro).__name__, asyncio.iscoroutine(coro))
    del coro

    # Let's do it differently now and await it:
    print(await nested())  # will print "42".

    task = asyncio.create_task(nested())
    print(await task)


asyncio.run(main())
# tracecmp: warnings (the lines of stderr that warnings write are compared)
