import asyncio


async def waiter(ev):
    print("waiting for the event")
    result = await ev.wait()
    print("event arrived:", result)


async def main():
    ev = asyncio.Event()
    print("is_set", ev.is_set())
    t = asyncio.create_task(waiter(ev))
    await asyncio.sleep(0.1)
    ev.set()
    print("set; is_set", ev.is_set())
    await t


asyncio.run(main())
