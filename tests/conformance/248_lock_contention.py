import asyncio


async def worker(name, lock, log):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0.1)
        log.append(name + " out")


async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(*[worker(n, lock, log) for n in ["a", "b", "c"]])
    for line in log:
        print(line)
    print("locked at the end:", lock.locked())


asyncio.run(main())
