import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def runner():
    try:
        return await asyncio.gather(child("a", 1), child("b", 2))
    except asyncio.CancelledError:
        print("runner sees CancelledError")
        raise


async def main():
    t = asyncio.create_task(runner())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("runner cancelled:", t.cancelled())


asyncio.run(main())
