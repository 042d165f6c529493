# Annotations that subscript asyncio's queues and futures and the
# collections classes are evaluated when the function is defined: they
# must not fail (looplab's subscripted classes are the classes).
import asyncio
from collections import Counter, defaultdict, OrderedDict, deque
async def worker(q: asyncio.Queue[int], p: asyncio.PriorityQueue[int], l: asyncio.LifoQueue[str]) -> None:
    item = await q.get()
    print("got", item)
def f(a: Counter[str], b: defaultdict[str, int], c: OrderedDict[str, int], d: deque[int], e: asyncio.Future[int], t: asyncio.Task[None]) -> dict[str, list[int]]:
    return {}
async def main():
    q: asyncio.Queue[int] = asyncio.Queue()
    q.put_nowait(5)
    await worker(q, asyncio.PriorityQueue(), asyncio.LifoQueue())
    print(f(Counter(), defaultdict(int), OrderedDict(), deque(), None, None))
asyncio.run(main())
