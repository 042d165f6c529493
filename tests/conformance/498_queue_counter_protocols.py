# Queue's C methods do what queues.py's do, protocol by protocol: the
# unfinished count with += and -= (__iadd__ / __isub__), its <= 0 and
# == 0 tests, maxsize compared with <= and >=, and a _queue that is not
# a list (len, truth, pop, append through the object).
import asyncio


class Count:
    def __init__(self, n):
        self.n = n

    def __iadd__(self, k):
        print('iadd', k)
        return Count(self.n + k)

    def __isub__(self, k):
        print('isub', k)
        return Count(self.n - k)

    def __le__(self, other):
        print('le', other)
        return self.n <= other

    def __eq__(self, other):
        print('eq', other)
        return self.n == other

    def __repr__(self):
        return f'Count({self.n})'


class Size:
    def __init__(self, n):
        self.n = n

    def __le__(self, other):
        print('size le', other)
        return self.n <= other

    def __ge__(self, other):
        print('size ge', other)
        return 'yes' if self.n <= other else ''

    def __repr__(self):
        return f'Size({self.n})'


class Box:
    def __init__(self):
        self.items = []

    def __len__(self):
        print('len')
        return len(self.items)

    def __bool__(self):
        print('bool')
        return bool(self.items)

    def append(self, x):
        print('append', x)
        self.items.append(x)

    def popleft(self):
        print('popleft')
        return self.items.pop(0)


async def main():
    q = asyncio.Queue(maxsize=2)
    q._unfinished_tasks = Count(0)
    q._maxsize = Size(2)
    q._queue = Box()
    print(q.full())
    q.put_nowait('a')
    print(q.full(), q.qsize(), q.empty())
    print(q._unfinished_tasks)
    print(q.get_nowait())
    q.task_done()
    print(q._unfinished_tasks, q._finished.is_set())
    try:
        q.task_done()
    except ValueError as e:
        print(e)
    q._maxsize = 0
    print(q.full())
    w = asyncio.Queue()
    w._getters = Box()
    f = asyncio.get_running_loop().create_future()
    f.cancel()
    g = asyncio.get_running_loop().create_future()
    w._getters.append(f)
    w._getters.append(g)
    w.put_nowait(1)
    print(f.cancelled(), g.result(), w._getters.items)


asyncio.run(main())
