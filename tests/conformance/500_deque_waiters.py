# asyncio keeps waiters and queued items in collections.deque, as
# queues.py and locks.py do: what a learner sees printing them while
# tasks wait, and that a waiter cancelled leaves the deque.
import asyncio


async def getter(q, name):
    item = await q.get()
    print(name, "got", item)


async def locker(lock, name):
    async with lock:
        print(name, "holds the lock")
        await asyncio.sleep(0)


async def main():
    q = asyncio.Queue()
    print("empty queue:", q._queue, q._getters, q._putters)
    tasks = [asyncio.create_task(getter(q, f"g{i}")) for i in range(3)]
    await asyncio.sleep(0)
    print("getters waiting:", len(q._getters), type(q._getters).__name__)
    tasks[1].cancel()
    await asyncio.sleep(0)
    print("after a cancel:", len(q._getters))
    q.put_nowait("a")
    q.put_nowait("b")
    print("queued:", q._queue)
    await asyncio.sleep(0)
    print("drained:", q._queue, len(q._getters))

    bq = asyncio.Queue(maxsize=1)
    bq.put_nowait(1)
    putter = asyncio.create_task(bq.put(2))
    await asyncio.sleep(0)
    print("putters:", len(bq._putters), bq._queue)
    print(bq.get_nowait(), bq._queue)
    await putter
    print("after put:", bq._queue, bq._putters)

    lock = asyncio.Lock()
    print("lock waiters before:", lock._waiters)
    lt = [asyncio.create_task(locker(lock, f"l{i}")) for i in range(3)]
    await asyncio.sleep(0)
    print("lock waiters:", len(lock._waiters), repr(lock).split("[")[1])
    await asyncio.gather(*lt)
    print("lock waiters after:", lock._waiters)

    ev = asyncio.Event()
    ew = [asyncio.create_task(ev.wait()) for _ in range(2)]
    await asyncio.sleep(0)
    print("event waiters:", len(ev._waiters), type(ev._waiters))
    ev.set()
    await asyncio.gather(*ew)
    print("event waiters after:", ev._waiters)

    sem = asyncio.Semaphore(0)
    st = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    print("semaphore waiters:", len(sem._waiters))
    sem.release()
    await st
    print("semaphore waiters after:", sem._waiters)

    lq = asyncio.LifoQueue()
    lq.put_nowait(1)
    lq.put_nowait(2)
    print("lifo:", lq._queue, lq.get_nowait())
    await asyncio.gather(*tasks, return_exceptions=True)


asyncio.run(main())
