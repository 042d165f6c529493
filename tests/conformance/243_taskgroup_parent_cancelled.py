import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def body():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c1"))
            tg.create_task(child("c2"))
    except asyncio.CancelledError:
        print("the group re-raised CancelledError")
        raise


async def main():
    t = asyncio.create_task(body())
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("body task cancelled:", t.cancelled())


asyncio.run(main())
