import asyncio


async def slow_operation(log):
    try:
        await asyncio.sleep(10)
        return "done"
    except asyncio.CancelledError:
        log.append("slow_operation cancelled, cleaning up")
        await asyncio.sleep(0.5)
        log.append("cleanup finished")
        raise


async def main():
    loop = asyncio.get_running_loop()
    log = []
    start = loop.time()
    try:
        await asyncio.wait_for(slow_operation(log), timeout=1)
    except asyncio.TimeoutError as e:
        print("timed out:", type(e).__name__, e.args)
    print(f"wait_for returned after {loop.time() - start:.1f}s")
    print(log)
    print("TimeoutError is asyncio.TimeoutError:", TimeoutError is asyncio.TimeoutError)


asyncio.run(main())
