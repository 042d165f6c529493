import asyncio


async def ok(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished anyway")
    return name


async def bad():
    await asyncio.sleep(0.1)
    raise KeyError("first failure")


async def main():
    a = asyncio.create_task(ok("a", 0.2))
    b = asyncio.create_task(ok("b", 0.3))
    try:
        await asyncio.gather(a, bad(), b)
    except KeyError as e:
        print("gather raised", repr(e))
    print("siblings cancelled?", a.cancelled(), b.cancelled())
    print(await a, await b)


asyncio.run(main())
