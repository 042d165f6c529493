import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled")
        raise


async def outer():
    try:
        await asyncio.wait_for(inner(), timeout=5)
    except asyncio.CancelledError:
        print("outer cancelled while in wait_for")
        raise


async def main():
    t = asyncio.create_task(outer())
    await asyncio.sleep(1)
    t.cancel()
    res = await asyncio.gather(t, return_exceptions=True)
    print(res[0].__class__.__name__, f"{asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
