import asyncio


async def producer(q):
    for i in range(3):
        await asyncio.sleep(0.1)
        await q.put(i)
        print("put", i)
    await q.put(None)


async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            break
        print("got", item)


async def main():
    q = asyncio.Queue()
    await asyncio.gather(producer(q), consumer(q))
    print("empty:", q.empty(), "qsize:", q.qsize())


asyncio.run(main())
