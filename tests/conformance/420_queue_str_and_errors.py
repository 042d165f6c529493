import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print(q)
    await q.put("a")
    q.put_nowait("b")
    print(q, "full:", q.full(), "size:", q.qsize())
    try:
        q.put_nowait("c")
    except asyncio.QueueFull:
        print("QueueFull")
    print(await q.get(), q.get_nowait(), "empty:", q.empty())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)
    await q.join()
    print("join returns at once when nothing is unfinished")
    print(asyncio.PriorityQueue(), asyncio.LifoQueue(3))


asyncio.run(main())
