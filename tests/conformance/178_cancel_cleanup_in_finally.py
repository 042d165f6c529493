import asyncio


async def worker():
    try:
        print("worker working")
        await asyncio.sleep(1)
    finally:
        print("cleanup starts")
        await asyncio.sleep(0.5)
        print("cleanup finished")


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"worker cancelled at {loop.time():.2f}")


asyncio.run(main())
