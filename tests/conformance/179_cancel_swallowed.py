import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("caught the cancellation, returning a value")
        return "swallowed"
    return "normal"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    result = await t
    print("result", result)
    print("cancelled()", t.cancelled(), "cancelling()", t.cancelling())


asyncio.run(main())
