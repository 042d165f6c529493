import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(1)
    await sem.acquire()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)
    plain = asyncio.Semaphore(1)
    plain.release()
    print("a plain Semaphore may go above its start value; locked:", plain.locked())
    await plain.acquire()
    await plain.acquire()
    print("acquired twice; locked:", plain.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
