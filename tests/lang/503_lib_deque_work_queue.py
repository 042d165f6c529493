# collections.deque: the API, maxlen, rotation and errors, then a deque
# used as the work queue of asyncio worker tasks.
import asyncio
from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d, d.index(3), d.count(2))
print(d.pop(), d.popleft(), d)
d.extend("ab")
d.extendleft([9, 8])
print(d, list(reversed(d)))
d.rotate(2)
print(d)
d.rotate(-3)
print(d)
d.remove("a")
d.insert(1, "new")
d[0] = "first"
del d[2]
print(d, d.copy() == d, d == [1], bool(deque()), repr(deque()))
d.reverse()
print(d)
d.clear()
print(d, len(d))

recent = deque(maxlen=3)
for i in range(6):
    recent.append(i)
    print(list(recent), end=" ")
print()
print(recent, recent.maxlen)
recent.appendleft(-1)
print(recent)
print(deque("abcdef", 2), deque(range(3)) + deque([7]), deque([1, 2]) * 2)

for bad in ("pop", "popleft"):
    try:
        getattr(deque(), bad)()
    except IndexError as e:
        print(bad, "->", e)
try:
    deque([1])[5]
except IndexError as e:
    print(e)
try:
    deque([1]).remove(7)
except ValueError as e:
    print(e)
try:
    deque(maxlen=-2)
except ValueError as e:
    print(e)
try:
    it = iter(d := deque([1, 2]))
    next(it)
    d.append(3)
    next(it)
except RuntimeError as e:
    print(e)
try:
    deque([1, 2], maxlen=2).insert(0, 5)
except IndexError as e:
    print(e)

# A big queue stays fast and ordered.
big = deque()
for i in range(10000):
    big.append(i)
total = 0
while big:
    total += big.popleft()
print("sum", total)


async def worker(name, pace, queue, done):
    # Each worker has its own pace, so no two finish at the same moment.
    while queue:
        job = queue.popleft()
        await asyncio.sleep(pace)
        done.append((name, job))
        if job % 5 == 0 and job < 100:
            queue.append(job + 100)


async def main():
    queue = deque(range(12))
    done = []
    paces = [0.1, 0.17, 0.29]
    await asyncio.gather(*(worker(f"w{i}", pace, queue, done)
                           for i, pace in enumerate(paces)))
    print(done)
    history = deque(maxlen=4)
    for name, job in done:
        history.append(job)
    print("last four:", history)


asyncio.run(main())
