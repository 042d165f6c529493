import asyncio


async def sensor(lock, name):
    i = 0
    while True:
        async with lock:
            await asyncio.sleep(0.15)
            i += 1
        yield f"{name}:{i}"


async def main():
    lock = asyncio.Lock()
    seen = []
    stream = sensor(lock, "s")
    try:
        async with asyncio.timeout(0.5):
            async for reading in stream:
                seen.append(reading)
    except TimeoutError:
        print("timeout; lock held:", lock.locked())
    print(seen)
    await stream.aclose()
    print("after aclose, lock held:", lock.locked())


asyncio.run(main())
