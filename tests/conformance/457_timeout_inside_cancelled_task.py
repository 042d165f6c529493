import asyncio


async def worker(log):
    try:
        async with asyncio.timeout(5):
            await asyncio.sleep(10)
    except TimeoutError:
        log.append("worker timeout")
    except asyncio.CancelledError:
        log.append("worker cancelled (not a timeout)")
        raise


async def main():
    log = []
    t = asyncio.create_task(worker(log))
    await asyncio.sleep(1)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print(log, t.cancelled())
    t2 = asyncio.create_task(worker(log))
    await asyncio.sleep(6)
    print(log, t2.done(), t2.cancelled())


asyncio.run(main())
