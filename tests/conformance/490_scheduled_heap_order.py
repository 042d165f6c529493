# loop._scheduled is a heapq heap: its order after pushes, pops of
# cancelled handles from the head, pops of due ones, and the compaction
# that rebuilds it with heapify once more than half of it is cancelled.
# A heap's list is not unique: only heapq's own sifts give CPython's.
import asyncio
import random


def cb(i):
    pass


def digest(loop):
    args = [(h._args or (-1,))[0] for h in loop._scheduled]
    return (len(args), sum((k + 1) * a for k, a in enumerate(args)) % 1000003,
            args[:12])


async def main():
    loop = asyncio.get_running_loop()
    rnd = random.Random(11)
    n = 0
    for _ in range(4):
        t0 = loop.time()
        hs = []
        for i in range(150):
            hs.append(loop.call_at(t0 + rnd.randrange(1, 40) * 0.0001, cb, n))
            n += 1
        print(digest(loop))
        for h in hs:
            if rnd.random() < 0.6:
                h.cancel()
        await asyncio.sleep(0)
        print(digest(loop))
        await asyncio.sleep(0.0015)
        print(digest(loop))
    for total, ncancel in ((400, 240), (1200, 700)):
        t0 = loop.time()
        hs = [loop.call_at(t0 + 0.1 + rnd.randrange(500) * 0.001, cb, i)
              for i in range(total)]
        print(digest(loop))
        for h in rnd.sample(hs, ncancel):
            h.cancel()
        await asyncio.sleep(0)
        print(digest(loop))
        await asyncio.sleep(0.3)
        print(digest(loop))


asyncio.run(main())
