# functools: lru_cache, cache, total_ordering, cached_property,
# partialmethod, cmp_to_key, singledispatch, reduce and partial.
import asyncio
import functools
from functools import (lru_cache, cache, total_ordering, cached_property,
                       partialmethod, cmp_to_key, singledispatch, reduce,
                       partial, wraps)

calls = []


@lru_cache(maxsize=2)
def square(n):
    calls.append(n)
    return n * n


print([square(n) for n in (1, 2, 1, 3, 2, 1)], calls)
print(square.cache_info(), square.cache_parameters())
square.cache_clear()
print(square.cache_info(), square.__name__, square.__wrapped__(7))


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(60), fib.cache_info())


@cache
def fact(n):
    return 1 if n < 2 else n * fact(n - 1)


print(fact(20), fact.cache_info())


@lru_cache(maxsize=None, typed=True)
def kind(x):
    return type(x).__name__


print(kind(1), kind(1.0), kind(True), kind.cache_info())


@lru_cache(maxsize=0)
def never(x):
    return x


print(never(1), never(1), never.cache_info())
try:
    lru_cache("big")
except TypeError as e:
    print(e)
try:
    square([1])
except TypeError as e:
    print(e)


@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor

    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)

    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)

    def __repr__(self):
        return f"v{self.major}.{self.minor}"


vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), max(vs), Version(1, 0) <= Version(1, 0),
      Version(2, 0) >= Version(1, 9), Version(0, 1) > Version(0, 2))
try:
    @total_ordering
    class Plain:
        pass
except ValueError as e:
    print(e)


class Report:
    def __init__(self, rows):
        self.rows = rows
        self.computed = 0

    @cached_property
    def total(self):
        """Sum of the rows."""
        self.computed += 1
        return sum(self.rows)


r = Report([1, 2, 3])
print(r.total, r.total, r.computed, "total" in vars(r), Report.total.__doc__)
r.__dict__.pop("total")
print(r.total, r.computed)


class Light:
    def __init__(self):
        self.state = None

    def set_state(self, value, source="manual"):
        self.state = (value, source)

    turn_on = partialmethod(set_state, True)
    turn_off = partialmethod(set_state, False, source="timer")


light = Light()
light.turn_on()
print(light.state)
light.turn_off()
print(light.state)

words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words, key=cmp_to_key(lambda a, b: (a.lower() > b.lower()) -
                                   (a.lower() < b.lower()))))


@singledispatch
def describe(x):
    return f"object {x!r}"


@describe.register(int)
def _(x):
    return f"int {x}"


@describe.register
def _(x: list):
    return f"list of {len(x)}"


print(describe(3), describe([1, 2]), describe("s"), describe(True))
print(reduce(lambda a, b: a * b, range(1, 6)), reduce(max, [3, 9, 2], 0))
add3 = partial(lambda a, b, c: a + b + c, 1, c=3)
print(add3(2), add3.args, add3.keywords)


def logged(fn):
    @wraps(fn)
    async def wrapper(*args):
        print("calling", fn.__name__)
        return await fn(*args)
    return wrapper


@lru_cache(maxsize=None)
def config_value(key):
    print("loading", key)
    return key.upper()


@logged
async def fetch(key, delay):
    await asyncio.sleep(delay)
    return config_value(key)


async def main():
    print(await asyncio.gather(fetch("a", 0.2), fetch("b", 0.1),
                               fetch("a", 0.3)))
    print(config_value.cache_info(), fetch.__name__)


asyncio.run(main())
