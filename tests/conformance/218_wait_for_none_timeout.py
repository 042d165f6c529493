import asyncio


async def work():
    await asyncio.sleep(3)
    return "no timeout at all"


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.wait_for(work(), None))
    print(f"time {loop.time():.1f}")
    print("tasks:", sorted(t.get_name() for t in asyncio.all_tasks()))


asyncio.run(main())
