import asyncio


async def heartbeat(interval, log):
    n = 0
    try:
        while True:
            n += 1
            log.append(f"beat {n} at {asyncio.get_running_loop().time():.1f}")
            await asyncio.sleep(interval)
    except asyncio.CancelledError:
        log.append(f"heartbeat stopped after {n} beats")
        raise


async def main():
    log = []
    hb = asyncio.create_task(heartbeat(0.25, log), name="heartbeat")
    await asyncio.sleep(1.1)
    hb.cancel()
    try:
        await hb
    except asyncio.CancelledError:
        print("heartbeat cancelled:", hb.cancelled())
    print("\n".join(log))


asyncio.run(main())
