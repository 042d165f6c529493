import asyncio


async def holder(lock):
    async with lock:
        await asyncio.sleep(0.2)
        print("holder releases")


async def waiter(name, lock):
    async with lock:
        print(name, "got the lock")


async def main():
    lock = asyncio.Lock()
    h = asyncio.create_task(holder(lock))
    await asyncio.sleep(0)
    w1 = asyncio.create_task(waiter("w1", lock))
    w2 = asyncio.create_task(waiter("w2", lock))
    await asyncio.sleep(0.1)
    w1.cancel()
    await asyncio.gather(h, w1, w2, return_exceptions=True)
    print("w1 cancelled:", w1.cancelled())


asyncio.run(main())
