import asyncio


async def waiter(sem, name, log):
    await sem.acquire()
    log.append(name)


async def main():
    sem = asyncio.Semaphore(0)
    log = []
    tasks = [asyncio.create_task(waiter(sem, n, log)) for n in "abc"]
    await asyncio.sleep(0)
    print("locked:", sem.locked())
    sem.release()
    await asyncio.sleep(0)
    print(log)
    sem.release()
    sem.release()
    sem.release()
    await asyncio.gather(*tasks)
    print(log, "value left:", sem._value)
    b = asyncio.BoundedSemaphore(1)
    async with b:
        pass
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
