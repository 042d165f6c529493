import asyncio


async def quick():
    await asyncio.sleep(0.1)
    return "in time"


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.wait_for(quick(), timeout=1))
    print(f"time {loop.time():.2f}")
    fut = loop.create_future()
    loop.call_later(0.2, fut.set_result, "future in time")
    print(await asyncio.wait_for(fut, 0.5))


asyncio.run(main())
