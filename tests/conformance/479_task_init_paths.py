# Task.__init__ in all its ways: direct construction with loop= and
# name=, names that are not strs, repeated names (the trace's "#k"),
# subclasses that call super().__init__, coroutine-like objects that are
# not coroutines, generator-based coroutines, names with digits, and the
# error of a non-coroutine (the oracle's pure-Python Task words bad
# arguments differently: tests/lang/569 has those).
import asyncio
import types


async def work(tag):
    await asyncio.sleep(0)
    return tag


async def work2nd(tag):
    return tag * 2


@types.coroutine
def gen_based(tag):
    yield
    return tag


class Awaitable:
    # Coroutine by duck typing: send, throw, close and __await__.
    def __init__(self, value):
        self.value = value

    def send(self, v):
        raise StopIteration(self.value)

    def throw(self, *a):
        raise StopIteration(self.value)

    def close(self):
        pass

    def __await__(self):
        return self

    def __repr__(self):
        return 'Awaitable(%r)' % self.value


class Named:
    def __str__(self):
        return 'named-obj'


class MyTask(asyncio.Task):
    def __init__(self, coro, *, loop=None, name=None, extra='x'):
        print('MyTask.__init__', extra, name)
        super().__init__(coro, loop=loop, name=name)
        self.extra = extra


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.Task(work('a'), loop=loop)
    b = asyncio.Task(work('b'), name=7)
    c = asyncio.Task(work('c'), name=Named())
    d = asyncio.create_task(work('d'), name='dup')
    e = asyncio.create_task(work('e'), name='dup')
    f = asyncio.Task(work('f'), name='dup')
    g = asyncio.create_task(work2nd(3))
    h = asyncio.create_task(gen_based('h'))
    i = asyncio.Task(Awaitable('i'))
    j = MyTask(work('j'), name='mine', extra='y')
    k = MyTask(work('k'))
    for t in (a, b, c, d, e, f, g, h, i, j, k):
        print(t.get_name(), type(t).__name__)
    print(await asyncio.gather(a, b, c, d, e, f, g, h, i, j, k))
    for bad in (42, 'text', None, Awaitable):
        try:
            asyncio.Task(bad)
        except TypeError as exc:
            print('TypeError:', exc)
    t = asyncio.Task(work('last'))
    print(t.get_name(), await t)
    print(len(asyncio.all_tasks()))


asyncio.run(main())
