import asyncio


class Task_:
    def __init__(self, priority, name, duration):
        self.priority = priority
        self.name = name
        self.duration = duration

    def __lt__(self, other):
        return (self.priority, self.name) < (other.priority, other.name)

    def __repr__(self):
        return f"<{self.name} p={self.priority}>"


async def scheduler(queue, log):
    while not queue.empty():
        item = await queue.get()
        log.append(item.name)
        await asyncio.sleep(item.duration)
        print(f"ran {item!r} until {asyncio.get_running_loop().time():.1f}")
        queue.task_done()


async def main():
    queue = asyncio.PriorityQueue()
    for p, name, d in [(3, "backup", 0.5), (1, "alert", 0.1), (2, "email", 0.2), (1, "audit", 0.1)]:
        await queue.put(Task_(p, name, d))
    log = []
    await scheduler(queue, log)
    print("order:", log)
    lifo = asyncio.LifoQueue()
    for x in "abc":
        lifo.put_nowait(x)
    print("lifo:", [lifo.get_nowait() for _ in range(lifo.qsize())])
    pq = asyncio.PriorityQueue()
    for item in [(2, "b"), (1, "z"), (1, "a")]:
        pq.put_nowait(item)
    print("tuples:", [await pq.get() for _ in range(3)])


asyncio.run(main())
