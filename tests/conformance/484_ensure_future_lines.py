# ensure_future's and create_task's trace lines for every branch: a task,
# a future, a duck-typed future (named by _fid), coroutines with digits in
# their names, an awaitable, an error, and a named task.
import asyncio


class Duck:
    _asyncio_future_blocking = False

    def __init__(self, loop):
        self._loop = loop
        self.done_ = False

    def get_loop(self):
        return self._loop

    def __await__(self):
        return iter(())

    def add_done_callback(self, cb, context=None):
        pass

    def done(self):
        return True

    def result(self):
        return 'duck'


async def work2():
    return 2


class Named:
    def __await__(self):
        yield


async def main():
    loop = asyncio.get_running_loop()
    d = Duck(loop)
    print(asyncio.ensure_future(d) is d)
    f = loop.create_future()
    print(asyncio.ensure_future(f) is f)
    t = asyncio.ensure_future(work2())
    print(await t)
    u = asyncio.create_task(work2(), name='x1')
    print(await u, u.get_name())
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        print(e)
    w = asyncio.ensure_future(Named())
    w.cancel()
    f.set_result(1)


asyncio.run(main())
