import asyncio


async def save(item, store):
    await asyncio.sleep(0.1)
    store.append(item)


async def main():
    store = []
    save("lost", store)          # forgot the await: the coroutine never runs
    await save("kept", store)
    asyncio.sleep(1)             # forgot the await again
    print("store:", store)


asyncio.run(main())
# tracecmp: warnings (the lines of stderr that warnings write are compared)
