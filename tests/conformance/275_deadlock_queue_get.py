import asyncio


async def consumer(q):
    while True:
        item = await q.get()
        print("got", item)


async def main():
    q = asyncio.Queue()
    q.put_nowait(1)
    q.put_nowait(2)
    await consumer(q)


asyncio.run(main())
