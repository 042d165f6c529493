import asyncio


async def sleeper():
    await asyncio.sleep(1)


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(sleeper())
    f = loop.create_future()
    g = asyncio.gather(t, f, return_exceptions=True)
    await asyncio.sleep(0)
    t.cancel("task msg")
    f.cancel("future msg")
    for r in await g:
        print(type(r).__name__, r.args)


asyncio.run(main())
