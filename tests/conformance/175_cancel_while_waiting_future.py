import asyncio


async def waiter(fut):
    print("waiting on the future")
    try:
        await fut
    except asyncio.CancelledError:
        print("waiter sees CancelledError")
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    print("cancel ->", t.cancel())
    print("future cancelled right away:", fut.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled:", t.cancelled())


asyncio.run(main())
