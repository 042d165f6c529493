import asyncio


async def save(record, store):
    await asyncio.sleep(0.3)
    store.append(record)
    print("saved", record)
    return record


async def request(record, store):
    return await asyncio.shield(save(record, store))


async def main():
    store = []
    pending = []
    try:
        async with asyncio.timeout(0.1):
            async with asyncio.TaskGroup() as tg:
                for r in ("r1", "r2"):
                    pending.append(tg.create_task(request(r, store)))
    except TimeoutError:
        print("request timed out; saves continue in the background")
    print("store now:", store)
    await asyncio.sleep(0.5)
    print("store later:", store)
    print([t.cancelled() for t in pending])


asyncio.run(main())
