import asyncio


async def resilient():
    for round in range(3):
        try:
            await asyncio.sleep(1)
            print("round", round, "slept fully")
        except asyncio.CancelledError:
            print("round", round, "cancelled")
    return "survived"


async def main():
    t = asyncio.create_task(resilient())
    await asyncio.sleep(0)
    print("first cancel ->", t.cancel())
    print("second cancel ->", t.cancel())
    print("cancelling()", t.cancelling())
    print(await t)


asyncio.run(main())
