# cancel() racing with results: set_result before the wake-up, cancel after done.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
async def w(f):
    try:
        r = await f
        print("w got", r); return r
    except asyncio.CancelledError as e:
        print("w cancelled", e.args); raise
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(w(f))
    await asyncio.sleep(0)
    f.set_result(1)
    print(t.cancel("late"), t._must_cancel, t._fut_waiter is f, t.cancelling())
    try: await t
    except asyncio.CancelledError as e: print("main", repr(e))
    # cancel a task that is done-but-callbacks pending
    async def quick(): return 3
    q = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print(q.done(), q.cancel(), q.cancelling())
    # cancel with non-str msg
    f2 = loop.create_future(); t2 = asyncio.create_task(w(f2)); await asyncio.sleep(0)
    t2.cancel(msg=("tuple", 1))
    try: await t2
    except asyncio.CancelledError as e: print("t2", repr(e), e.args)
    # future.cancel(msg) then result()
    f3 = loop.create_future(); f3.cancel(msg=None); 
    try: f3.result()
    except asyncio.CancelledError as e: print("f3", repr(e))
    f4 = loop.create_future(); f4.cancel(""); 
    try: f4.result()
    except asyncio.CancelledError as e: print("f4", repr(e))
asyncio.run(main())
