import asyncio


async def child(n):
    try:
        await asyncio.sleep(1)
    finally:
        print(f"child {n} finally")


async def supervisor():
    try:
        async with asyncio.TaskGroup() as tg:
            for n in range(3):
                tg.create_task(child(n))
    except asyncio.CancelledError:
        print("supervisor sees CancelledError")
        raise


async def main():
    sup = asyncio.create_task(supervisor())
    await asyncio.sleep(0.2)
    sup.cancel()
    try:
        await sup
    except asyncio.CancelledError:
        print("supervisor cancelled:", sup.cancelled(), "cancelling:", sup.cancelling())


asyncio.run(main())
