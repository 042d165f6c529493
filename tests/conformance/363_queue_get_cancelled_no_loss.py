import asyncio


async def consumer(name, q, got):
    try:
        while True:
            item = await q.get()
            got.append((name, item))
            q.task_done()
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def main():
    q = asyncio.Queue()
    got = []
    c1 = asyncio.create_task(consumer("c1", q, got))
    c2 = asyncio.create_task(consumer("c2", q, got))
    await asyncio.sleep(0)
    q.put_nowait("x")
    c1.cancel()
    await asyncio.sleep(0)
    q.put_nowait("y")
    await q.join()
    print(got)
    c2.cancel()
    await asyncio.gather(c1, c2, return_exceptions=True)
    print("getters left:", len(q._getters), "unfinished:", q._unfinished_tasks)


asyncio.run(main())
