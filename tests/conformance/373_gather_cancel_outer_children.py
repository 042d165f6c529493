import asyncio


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "was cancelled")
        raise


async def main():
    g = asyncio.gather(child("a", 0.1), child("b", 1), child("c", 2))
    await asyncio.sleep(0.5)
    print("cancel gather ->", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled:", g.cancelled())
    g2 = asyncio.gather(child("d", 0.1), return_exceptions=True)
    await asyncio.sleep(0.2)
    print("cancel finished gather ->", g2.cancel(), g2.result())


asyncio.run(main())
