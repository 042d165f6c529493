import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.1) as cm:
            print("when", cm.when())
            cm.reschedule(loop.time() + 0.5)
            print("rescheduled to", cm.when())
            await asyncio.sleep(0.3)
            print(f"survived past the first deadline at {loop.time():.1f}")
            cm.reschedule(None)
            await asyncio.sleep(1)
            print(f"no deadline now; at {loop.time():.1f}")
            cm.reschedule(loop.time() + 0.2)
            await asyncio.sleep(1)
    except TimeoutError:
        print(f"timed out at {loop.time():.1f}")
    try:
        cm.reschedule(10)
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
