import asyncio


async def commit():
    await asyncio.sleep(0.2)
    raise IOError("disk full")


async def handler():
    await asyncio.shield(commit())


async def main():
    t = asyncio.create_task(handler())
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("handler cancelled; commit still running")
    await asyncio.sleep(0.3)
    print("commit's error is only logged")


asyncio.run(main())
