import asyncio


class MyQ(asyncio.Queue):
    def _init(self, maxsize):
        self._queue = []
        self.log = []

    def _put(self, item):
        self.log.append(('put', item))
        self._queue.insert(0, item)

    def _get(self):
        self.log.append('get')
        return self._queue.pop()


class SizeQ(asyncio.Queue):
    def qsize(self):
        print('qsize asked')
        return super().qsize() * 10


class FullQ(asyncio.Queue):
    def full(self):
        print('full asked')
        return False


async def main():
    q = asyncio.Queue()
    print(q.qsize(), q.empty(), q.full(), q.maxsize)
    q.put_nowait(1)
    q.put_nowait(item=2)
    print(q.qsize(), q.empty(), q.full(), q._unfinished_tasks, q)
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print('empty', type(e).__name__, repr(e), e.args)
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print('ValueError', e)
    b = asyncio.Queue(2)
    b.put_nowait('a')
    b.put_nowait('b')
    print(b.full(), b.qsize(), str(b))
    try:
        b.put_nowait('c')
    except asyncio.QueueFull as e:
        print('full', repr(e))
    for bad in [lambda: q.put_nowait(), lambda: q.put_nowait(1, 2),
                lambda: q.put_nowait(x=3), lambda: q.put_nowait(1, item=2),
                lambda: q.qsize(1), lambda: q.task_done(x=1),
                lambda: q.get_nowait(None), lambda: asyncio.Queue.qsize(),
                lambda: asyncio.Queue.qsize(5), lambda: q._wakeup_next(),
                lambda: asyncio.Queue.empty(object()),
                lambda: q._put()]:
        try:
            bad()
        except Exception as e:
            print(type(e).__name__, e)
    m = MyQ()
    m.put_nowait(1)
    m.put_nowait(2)
    print(m.get_nowait(), m.get_nowait(), m.log)
    s = SizeQ(5)
    s.put_nowait(1)
    print(s.full(), s.qsize())
    f = FullQ(1)
    f.put_nowait(1)
    f.put_nowait(2)
    print(f.qsize())
    lq = asyncio.LifoQueue()
    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        lq.put_nowait(x)
        pq.put_nowait(x)
    print([lq.get_nowait() for _ in range(3)], [pq.get_nowait() for _ in range(3)])
    fq = asyncio.Queue(maxsize=1.5)
    fq.put_nowait(1)
    print(fq.full())
    fq.put_nowait(2)
    print(fq.full(), fq.qsize())
    nq = asyncio.Queue(maxsize=-3)
    for i in range(5):
        nq.put_nowait(i)
    print(nq.full(), nq.qsize())
    sh = asyncio.Queue(1)
    sh.full = lambda: False
    sh.put_nowait(1)
    sh.put_nowait(2)
    print(sh.qsize(), asyncio.Queue.full(sh))
    print(asyncio.Queue.put_nowait.__name__, asyncio.Queue.put_nowait.__qualname__)
    print(repr(asyncio.Queue.qsize)[:24])
    print(repr(sh.get_nowait)[:36])
    q2 = asyncio.Queue()
    q2._unfinished_tasks = 2.5
    q2.task_done()
    print(q2._unfinished_tasks)
    q2.task_done()
    print(q2._unfinished_tasks)
    try:
        q2.task_done()
    except ValueError as e:
        print(e)
    q3 = asyncio.Queue()
    q3._queue = None
    try:
        q3.qsize()
    except TypeError as e:
        print(e)
    print(q3.empty())
    try:
        q3.put_nowait(1)
    except AttributeError as e:
        print(e)
    print(q3._unfinished_tasks)


asyncio.run(main())
