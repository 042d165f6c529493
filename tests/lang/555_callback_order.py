# The order of done callbacks, wake-ups and steps across tasks and futures.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
log = []
async def w(name, f):
    try:
        r = await f
        log.append((name, "got", r))
    except asyncio.CancelledError as e:
        log.append((name, "cancelled", e.args))
        raise
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    ts = [asyncio.create_task(w(f"t{i}", f)) for i in range(3)]
    f.add_done_callback(lambda _: log.append("plain cb"))
    await asyncio.sleep(0)
    f.add_done_callback(lambda _: log.append("late cb"))
    loop.call_soon(log.append, "soon1")
    f.set_result(7)
    loop.call_soon(log.append, "soon2")
    await asyncio.sleep(0)
    log.append("main after 1")
    await asyncio.sleep(0)
    log.append("main after 2")
    # cancellation ordering
    g = loop.create_future()
    t1 = asyncio.create_task(w("c1", g)); t2 = asyncio.create_task(w("c2", g))
    await asyncio.sleep(0)
    loop.call_soon(log.append, "before cancel")
    t1.cancel("x")
    loop.call_soon(log.append, "after cancel")
    await asyncio.sleep(0); await asyncio.sleep(0)
    log.append(("g", g.cancelled(), t2.done(), t2.cancelled()))
    await asyncio.gather(t1, t2, return_exceptions=True)
    # task awaiting a task
    async def inner(): 
        await asyncio.sleep(0); return "in"
    async def outer():
        r = await asyncio.create_task(inner()); log.append(("outer", r))
    o = asyncio.create_task(outer())
    o.add_done_callback(lambda _: log.append("o done cb"))
    await o
    log.append("end")
    for x in log: print(x)
asyncio.run(main())
