import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        print("release unlocked:", e)
    print("acquire ->", await lock.acquire(), "locked", lock.locked())
    lock.release()
    print("locked after release", lock.locked())


asyncio.run(main())
