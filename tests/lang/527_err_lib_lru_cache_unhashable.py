# lru_cache needs hashable arguments.
from functools import lru_cache


@lru_cache(maxsize=None)
def total(items):
    return sum(items)


print(total((1, 2, 3)))
total([1, 2, 3])
