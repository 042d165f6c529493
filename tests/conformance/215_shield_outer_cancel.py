import asyncio


async def inner_work():
    await asyncio.sleep(0.2)
    return "inner done"


async def main():
    inner = asyncio.create_task(inner_work())
    outer = asyncio.shield(inner)
    print("outer.cancel() ->", outer.cancel())
    print("outer cancelled", outer.cancelled(), "inner cancelled", inner.cancelled())
    print(await inner)


asyncio.run(main())
