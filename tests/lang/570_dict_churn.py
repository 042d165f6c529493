# A dict that keeps its size while keys come and go (asyncio's current
# tasks does this at every task step): order, contents and lookups after
# many deletions and insertions, small dicts and larger ones.
import random

rng = random.Random(570)
for size in (1, 2, 3, 5, 6, 11, 40):
    d = {}
    ref = []
    for step in range(3000):
        k = rng.randrange(size * 2)
        if k in d and rng.random() < 0.6:
            del d[k]
            ref.remove(k)
        elif k not in d:
            d[k] = step
            ref.append(k)
        else:
            d[k] = -step
        if list(d) != ref:
            print('order differs', size, step)
            break
    print(size, len(d), list(d)[:8], sum(d.values()))
    print(all(d[k] == d.get(k) for k in ref), [k in d for k in range(6)])

slot = {}
loop = object()
for i in range(1000):
    slot[loop] = i
    assert slot.get(loop) == i
    del slot[loop]
print(len(slot), slot.get(loop))
slot['a'] = 1
slot['b'] = 2
for i in range(100):
    slot['c'] = i
    del slot['c']
print(slot, list(slot.items()))
