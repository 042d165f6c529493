# heapq, bisect, operator and string.
import heapq, bisect, operator, string
h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h, heapq.heapreplace(h, 6), h, heapq.heappushpop(h, 0), h)
l = [9, 1, 8, 2, 7, 3, 6, 4, 5]; heapq.heapify(l); print(l)
print(heapq.nlargest(3, [1, 8, 2, 9, 3]), heapq.nsmallest(2, ["bb", "a", "ccc"], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6])), list(heapq.merge(["a", "bb"], ["c"], key=len)), list(heapq.merge([7, 4], [5, 1], reverse=True)))
try: heapq.heappop([])
except IndexError as e: print(e)
try: heapq.heappush((), 1)
except TypeError as e: print(e)
pq = []
heapq.heappush(pq, (2, "b")); heapq.heappush(pq, (1, "a")); heapq.heappush(pq, (2, "a"))
print([heapq.heappop(pq) for _ in range(3)])
a = [1, 2, 4, 4, 8]
print(bisect.bisect(a, 4), bisect.bisect_left(a, 4), bisect.bisect_right(a, 0), bisect.bisect_left(a, 9))
bisect.insort(a, 3); bisect.insort_left(a, 4); print(a)
print(bisect.bisect([("a", 1), ("b", 2)], 2, key=lambda p: p[1]))
try: bisect.bisect(a, 1, -1)
except ValueError as e: print(e)
print(operator.itemgetter(1)([1, 2]), operator.itemgetter(0, 2)("abc"), operator.attrgetter("real")(3), operator.methodcaller("upper")("x"))
print(operator.itemgetter(1), operator.attrgetter("a", "b.c"), operator.methodcaller("m", 1, k=2))
print(operator.add(1, 2), operator.mul(3, 4), operator.neg(5), operator.not_(0), operator.contains([1], 1), operator.truediv(1, 4), operator.eq(1, 1), operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 5), operator.lt(1, 2), operator.getitem({1: 2}, 1), operator.countOf([1, 1, 2], 1), operator.indexOf("abc", "c"))
from functools import reduce
print(reduce(operator.mul, range(1, 6)), sorted([("b", 2), ("a", 2), ("c", 1)], key=operator.itemgetter(1, 0)))
print(string.ascii_letters, string.digits, string.punctuation, string.hexdigits, repr(string.whitespace), string.capwords("hello  world"))
print(string.Template("$who likes ${what}").substitute(who="tim", what="kung pao"), string.Template("$a $b").safe_substitute(a=1))
try: string.Template("$x").substitute()
except KeyError as e: print(repr(e))
import asyncio


async def scheduler():
    # A timer wheel: (when, seq, name) in a heap, popped in order.
    heap = []
    for seq, (when, name) in enumerate([(0.3, "c"), (0.1, "a"), (0.2, "b"),
                                        (0.1, "a2")]):
        heapq.heappush(heap, (when, seq, name))
    loop = asyncio.get_running_loop()
    start = loop.time()
    while heap:
        when, _, name = heapq.heappop(heap)
        await asyncio.sleep(max(0, when - (loop.time() - start)))
        print("fire", name)


asyncio.run(scheduler())
