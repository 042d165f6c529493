import asyncio


async def something():
    print("something starts")
    await asyncio.sleep(1)
    print("something completes despite the cancel")
    return "res"


async def waiter(inner):
    try:
        res = await asyncio.shield(inner)
        print("got", res)
    except asyncio.CancelledError:
        print("waiter was cancelled; the inner task keeps going")
        raise


async def main():
    inner = asyncio.create_task(something())
    w = asyncio.create_task(waiter(inner))
    await asyncio.sleep(0.5)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("w cancelled:", w.cancelled())
    print("inner result:", await inner)


asyncio.run(main())
