import asyncio


async def use(sem, name, hold, log):
    log.append(f"{name} wants")
    async with sem:
        log.append(f"{name} in")
        await asyncio.sleep(hold)
    log.append(f"{name} out")


async def main():
    sem = asyncio.Semaphore(1)
    log = []
    tasks = {n: asyncio.create_task(use(sem, n, 0.1, log)) for n in "abcde"}
    await asyncio.sleep(0.05)
    tasks["b"].cancel()
    tasks["d"].cancel()
    await asyncio.gather(*tasks.values(), return_exceptions=True)
    print(", ".join(log))
    print("value:", sem._value, "locked:", sem.locked())
    print({n: ("cancelled" if t.cancelled() else "ok") for n, t in tasks.items()})


asyncio.run(main())
