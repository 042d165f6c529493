import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(job(2))
    try:
        for fut in asyncio.as_completed([t], timeout=0.5):
            print("got", await fut)
    except asyncio.TimeoutError:
        print(f"as_completed timed out at {loop.time():.1f}")
    print("the task is not cancelled:", t.cancelled(), t.done())
    t.cancel()


asyncio.run(main())
