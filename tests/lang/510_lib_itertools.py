# itertools: every function, with argument errors and lazy evaluation.
from itertools import *
import itertools
print(list(islice(count(), 5)), list(islice(count(10, 2.5), 3)), count(3), count(1, 2), repeat('a', 2), repr(repeat(1)))
print(list(islice(cycle("ab"), 5)), list(repeat(7, 3)), list(chain([1, 2], "ab")), list(chain.from_iterable([[1], [2, 3]])))
print(list(islice("abcdefg", 2)), list(islice("abcdefg", 2, 4)), list(islice("abcdefg", 2, None)), list(islice("abcdefg", 0, None, 2)))
try: islice("a", -1)
except ValueError as e: print(e)
try: islice("a", 0, 1, 0)
except ValueError as e: print(e)
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], lambda a, b: a * b)), list(accumulate([1, 2], initial=100)), list(accumulate([])))
print(list(product("ab", [1, 2])), list(product([0, 1], repeat=2)), list(product()))
print(list(permutations([1, 2, 3])), list(permutations("abc", 2)), list(permutations([1], 2)))
print(list(combinations("abcd", 2)), list(combinations([1, 2], 3)), list(combinations_with_replacement("ab", 2)))
try: combinations("a", -1)
except ValueError as e: print(e)
data = "AAAABBBCCDAABBB"
print([k for k, g in groupby(data)], [list(g) for k, g in groupby(data)])
print([(k, len(list(g))) for k, g in groupby(sorted([3, 1, 4, 1, 5, 9, 2, 6]), key=lambda x: x % 2)])
groups = list(groupby("aabb"))
print([list(g) for k, g in groups])
print(list(zip_longest("abc", [1], fillvalue="-")), list(zip_longest()), list(starmap(pow, [(2, 3), (3, 2)])))
print(list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(pairwise("abcd")), list(pairwise("a")), list(filterfalse(lambda x: x % 2, range(6))), list(filterfalse(None, [0, 1, "", "a"])))
print(list(compress("abcdef", [1, 0, 1, 0, 1, 1])))
a, b = tee(iter([1, 2, 3]))
print(next(a), list(b), list(a))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
try: next(iter(repeat(1, 0)))
except StopIteration: print("stop")
print(list(zip(count(1), "xyz")))
import asyncio


async def fetch(i):
    await asyncio.sleep(0.01 * (i % 3))
    return i * i


async def main():
    # Batches of tasks from islice over a lazy id stream.
    ids = count(1)
    for _ in range(3):
        batch = list(islice(ids, 4))
        print(batch, await asyncio.gather(*(fetch(i) for i in batch)))
    results = await asyncio.gather(*(fetch(i) for i in range(6)))
    print(list(accumulate(results)), dict(zip_longest("ab", results)))


asyncio.run(main())
