import asyncio
import time


async def ticker(log):
    for i in range(3):
        log.append(f"tick {i} at {asyncio.get_running_loop().time():.2f}")
        await asyncio.sleep(0.1)


async def blocker(log):
    log.append("blocker starts a blocking call")
    time.sleep(0.02)  # blocks the whole event loop (and does not move its clock here)
    log.append(f"blocker done at {asyncio.get_running_loop().time():.2f}")


async def main():
    log = []
    await asyncio.gather(ticker(log), blocker(log))
    print("\n".join(log))


asyncio.run(main())
