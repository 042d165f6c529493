import asyncio


async def bad_cleanup():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ValueError("cleanup went wrong")


async def main():
    asyncio.create_task(bad_cleanup())
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
print("program continues")
