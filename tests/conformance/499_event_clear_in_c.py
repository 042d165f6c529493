# Event.clear is C (with Queue's methods): what it does, its errors and
# repr, and Queue.put_nowait calling a subclass's own clear.
import asyncio


class LoudEvent(asyncio.Event):
    def clear(self):
        print('clear called, set:', self.is_set())
        super().clear()


async def main():
    e = asyncio.Event()
    e.set()
    print(e.is_set(), e.clear(), e.is_set(), repr(e).split(' [')[1])
    e.clear()
    print(e.is_set())
    for bad in [lambda: e.clear(1), lambda: e.clear(x=1),
                lambda: asyncio.Event.clear()]:
        try:
            bad()
        except TypeError as err:
            print(err)
    print(repr(asyncio.Event.clear)[:24], repr(e.clear)[:34])
    print(asyncio.Event.clear.__name__, asyncio.Event.clear.__qualname__)
    q = asyncio.Queue()
    q._finished = LoudEvent()
    q._finished.set()
    q.put_nowait(1)
    print(q._finished.is_set())
    q.get_nowait()
    q.task_done()
    print(q._finished.is_set())
    w = asyncio.create_task(e.wait())
    await asyncio.sleep(0)
    e.set()
    e.clear()
    print(await w, e.is_set())


asyncio.run(main())
