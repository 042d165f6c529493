import asyncio


async def waiter(name, lock):
    await lock.acquire()
    print(name, "got the lock")
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    first = asyncio.create_task(waiter("first", lock))
    await asyncio.sleep(0)
    lock.release()
    print("released; locked() =", lock.locked())
    late = asyncio.create_task(waiter("newcomer", lock))
    await asyncio.gather(first, late)


asyncio.run(main())
