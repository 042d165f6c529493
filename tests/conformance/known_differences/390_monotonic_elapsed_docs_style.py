import asyncio
import time


async def worker(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    started_at = time.monotonic()
    names = await asyncio.gather(worker("a", 1.0), worker("b", 2.0), worker("c", 1.5))
    total_slept_for = time.monotonic() - started_at
    print(names)
    # The recorder's clock for time.monotonic is the real one: virtual sleeps take no time.
    print(f"slept in parallel for {total_slept_for:.1f} seconds")
    print(f"loop clock says {asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
