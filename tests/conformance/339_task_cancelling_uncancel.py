import asyncio


async def stubborn():
    task = asyncio.current_task()
    for attempt in range(3):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(f"cancel request #{task.cancelling()} ignored")
            remaining = task.uncancel()
            print("after uncancel:", remaining)
    return "finished normally"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    print("cancel ->", t.cancel())
    print("cancelling:", t.cancelling())
    await asyncio.sleep(0.1)
    t.cancel()
    t.cancel()
    print("cancelling after two more:", t.cancelling())
    print(await t)
    print("cancelled?", t.cancelled())


asyncio.run(main())
