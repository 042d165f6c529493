# A wake-up called from another task must not use up a pending cancellation.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
async def w(f):
    try:
        r = await f
        print("A got", r); return r
    except asyncio.CancelledError as e:
        print("A cancelled", e.args); raise
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    a = asyncio.create_task(w(f), name="A")
    await asyncio.sleep(0)
    wake = f._callbacks[0][0]
    f.set_result(1)
    print("cancel ->", a.cancel("stop"), "must_cancel", a._must_cancel)
    try: wake(f)
    except RuntimeError as e: print("wake raised RuntimeError")
    print("must_cancel now", a._must_cancel, "waiter", a._fut_waiter)
    try: print("await ->", await a)
    except asyncio.CancelledError as e: print("main: A cancelled", repr(e))
asyncio.run(main())
