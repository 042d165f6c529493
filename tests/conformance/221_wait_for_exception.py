import asyncio


async def broken():
    await asyncio.sleep(0.1)
    raise OSError("disk on fire")


async def main():
    try:
        await asyncio.wait_for(broken(), 1)
    except OSError as e:
        print("wait_for re-raised", repr(e))


asyncio.run(main())
