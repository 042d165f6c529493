import asyncio


async def leaf():
    print("leaf starts")
    await asyncio.sleep(0.1)
    print("leaf ends")
    return 1


async def middle():
    t = asyncio.create_task(leaf())
    value = await t
    print("middle got", value)
    return value + 1


async def main():
    t = asyncio.create_task(middle())
    value = await t
    print("main got", value)


asyncio.run(main())
