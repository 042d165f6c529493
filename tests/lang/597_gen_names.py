# A coroutine's and a generator's __name__ and __qualname__: the code's
# until the function's are reassigned or the object's own are set
# (looplab keeps the pair only then).
import asyncio


async def f():
    return 1


c = f()
print(c.__name__, c.__qualname__)
c.__name__ = "x"
print(c.__name__, c.__qualname__)
c.__qualname__ = "y.z"
print(c.__name__, c.__qualname__, repr(c).split(" at ")[0])
e = f()
print(e.__name__, e.__qualname__)

f.__name__ = "renamed"
d = f()
print(d.__name__, d.__qualname__)
f.__qualname__ = "Q.renamed"
d2 = f()
print(d2.__name__, d2.__qualname__)
print(d.__name__, d.__qualname__)
try:
    d.__name__ = 3
except TypeError as err:
    print(err)
try:
    del d.__qualname__
except TypeError as err:
    print(err)


class K:
    async def m(self):
        pass


k = K().m()
print(k.__name__, k.__qualname__)


def g():
    yield 1


gg = g()
print(gg.__name__, gg.__qualname__)
gg.__qualname__ = "gq"
print(gg.__name__, gg.__qualname__, repr(gg).split(" at ")[0])


async def ag():
    yield 1


a = ag()
print(a.__name__, a.__qualname__)
a.__name__ = "agn"
print(a.__name__, a.__qualname__)

for co in (c, e, d, d2, k):
    co.close()


async def main():
    t = asyncio.create_task(f())
    print(await t, t.get_coro().__qualname__)

asyncio.run(main())
x = f()
x.__qualname__ = "never.awaited"
del x
