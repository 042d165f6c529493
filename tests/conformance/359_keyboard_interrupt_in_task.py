import asyncio


async def cleanup_worker():
    try:
        await asyncio.sleep(100)
    finally:
        print("worker cleanup ran")


async def main():
    asyncio.create_task(cleanup_worker())
    await asyncio.sleep(0.1)
    print("simulating Ctrl-C")
    raise KeyboardInterrupt


asyncio.run(main())
