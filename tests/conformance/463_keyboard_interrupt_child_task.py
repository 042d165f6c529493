import asyncio


async def worker():
    await asyncio.sleep(0.2)
    raise KeyboardInterrupt


async def bystander():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("bystander cancelled during shutdown")
        raise


async def main():
    asyncio.create_task(bystander())
    try:
        await asyncio.create_task(worker())
    finally:
        print("main finally")


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("caught KeyboardInterrupt at top level")
