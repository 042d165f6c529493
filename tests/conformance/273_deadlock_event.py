import asyncio


async def waiter(ev):
    await ev.wait()


async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(waiter(ev))
    await asyncio.sleep(0.5)
    print("the event is never set")
    await t


asyncio.run(main())
