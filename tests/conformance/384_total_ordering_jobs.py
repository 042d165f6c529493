import asyncio
import functools


@functools.total_ordering
class Job:
    def __init__(self, priority, name):
        self.priority = priority
        self.name = name

    def __eq__(self, other):
        return (self.priority, self.name) == (other.priority, other.name)

    def __lt__(self, other):
        return (self.priority, self.name) < (other.priority, other.name)

    def __repr__(self):
        return f"Job({self.priority}, {self.name!r})"


async def run_jobs(q):
    order = []
    while not q.empty():
        job = await q.get()
        await asyncio.sleep(0.01)
        order.append(job.name)
    return order


async def main():
    q = asyncio.PriorityQueue()
    for p, n in [(2, "b"), (1, "c"), (2, "a"), (0, "z")]:
        q.put_nowait(Job(p, n))
    print(await run_jobs(q))
    print(Job(1, "x") >= Job(1, "a"), Job(0, "q") > Job(1, "a"))


asyncio.run(main())
