import asyncio


async def producer(q):
    for i in range(4):
        print("putting", i)
        await q.put(i)
        print("put", i, "qsize", q.qsize(), "full", q.full())


async def main():
    q = asyncio.Queue(maxsize=2)
    p = asyncio.create_task(producer(q))
    await asyncio.sleep(0.1)
    print("producer blocked; maxsize", q.maxsize)
    while not p.done() or not q.empty():
        print("got", await q.get())
        await asyncio.sleep(0)
    print(str(q))


asyncio.run(main())
