import asyncio


async def holder(lock):
    async with lock:
        print("holder has the lock")
        await asyncio.sleep(1)
    print("holder released")


async def impatient(lock, name):
    try:
        async with asyncio.timeout(0.3):
            async with lock:
                print(name, "got the lock")
    except TimeoutError:
        print(name, "gave up waiting")


async def patient(lock, name):
    async with lock:
        print(name, "got the lock at", asyncio.get_running_loop().time())


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(holder(lock), impatient(lock, "i1"), patient(lock, "p1"),
                         impatient(lock, "i2"))
    print("locked:", lock.locked())


asyncio.run(main())
