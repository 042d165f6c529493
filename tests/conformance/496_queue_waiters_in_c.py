import asyncio


async def getter(q, name, out):
    try:
        item = await q.get()
        out.append((name, item))
        q.task_done()
    except asyncio.CancelledError:
        out.append((name, 'cancelled'))
        raise


async def putter(q, name, items, out):
    try:
        for x in items:
            await q.put(x)
            out.append((name, 'put', x))
    except asyncio.CancelledError:
        out.append((name, 'put cancelled'))
        raise


async def main():
    out = []
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter(q, f'g{i}', out)) for i in range(4)]
    await asyncio.sleep(0)
    print(q)
    gs[1].cancel()
    q.put_nowait('a')
    q.put_nowait('b')
    await asyncio.sleep(0)
    # woken getter cancelled before it runs: passes the wake-up on
    q.put_nowait('c')
    gs[3].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(out, q, [g.done() for g in gs])
    out.clear()
    b = asyncio.Queue(2)
    ps = [asyncio.create_task(putter(b, f'p{i}', [i * 10, i * 10 + 1], out))
          for i in range(3)]
    await asyncio.sleep(0)
    print(b, b.qsize(), b.full())
    ps[1].cancel()
    print(b.get_nowait())
    await asyncio.sleep(0)
    print(b.get_nowait())
    ps[2].cancel()
    await asyncio.sleep(0)
    while not b.empty():
        print('got', b.get_nowait())
        await asyncio.sleep(0)
    await asyncio.gather(*ps, return_exceptions=True)
    print(out)
    print(b, b._unfinished_tasks)
    j = asyncio.Queue()
    for i in range(3):
        j.put_nowait(i)

    async def worker():
        while True:
            x = await j.get()
            await asyncio.sleep(0.01 * x)
            print('done', x)
            j.task_done()

    w = asyncio.create_task(worker())
    await j.join()
    print('joined', j)
    w.cancel()
    await asyncio.gather(w, return_exceptions=True)
    print(repr(await asyncio.wait_for(j.get(), 0.5)) if not j.empty() else 'empty')
    try:
        await asyncio.wait_for(j.get(), 0.05)
    except asyncio.TimeoutError:
        print('timeout', j, len(j._getters))


asyncio.run(main())
