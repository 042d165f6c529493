import asyncio


async def main():
    lifo = asyncio.LifoQueue()
    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        await lifo.put(x)
        await pq.put((x, f"item{x}"))
    print("lifo:", [lifo.get_nowait() for _ in range(3)])
    print("priority:", [(await pq.get())[1] for _ in range(3)])


asyncio.run(main())
