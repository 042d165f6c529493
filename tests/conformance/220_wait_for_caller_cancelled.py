import asyncio


async def inner():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("inner cancelled too")
        raise


async def caller():
    try:
        await asyncio.wait_for(inner(), timeout=2)
    except asyncio.CancelledError:
        print("caller cancelled")
        raise


async def main():
    t = asyncio.create_task(caller())
    await asyncio.sleep(0.5)
    t.cancel()
    res = await asyncio.gather(t, return_exceptions=True)
    print(type(res[0]).__name__)


asyncio.run(main())
