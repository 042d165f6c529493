# _must_cancel: cancel before the first step, during a wait, and a future that refuses.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
class MyFut(asyncio.Future):
    def cancel(self, *args, **kwargs):
        print("MyFut.cancel", args, kwargs)
        return super().cancel(*args, **kwargs)
async def selfcancel_return():
    asyncio.current_task().cancel("self-msg")
    return 5
async def selfcancel_await(loop):
    asyncio.current_task().cancel("self2")
    f = MyFut(loop=loop)
    try:
        await f
    except asyncio.CancelledError as e:
        print("inner", repr(e))
        raise
async def catch_and_return():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("caught", repr(e))
    return "swallowed"
async def catch_uncancel():
    t = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("uncancel ->", t.uncancel(), t._must_cancel)
    await asyncio.sleep(0)
    return "survived"
async def raise_other():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        raise ValueError("other") from e
async def main():
    loop = asyncio.get_running_loop()
    for coro in [selfcancel_return(), selfcancel_await(loop), catch_and_return(), catch_uncancel(), raise_other()]:
        t = asyncio.create_task(coro)
        await asyncio.sleep(0)
        if not t.done():
            t.cancel("outer")
        try:
            r = await t
            print("result", r, t.cancelling())
        except BaseException as e:
            print("exc", type(e).__name__, e.args, repr(e.__context__), repr(e.__cause__), t.cancelled(), t.cancelling(), t._cancel_message)
    # double cancel then uncancel while still pending
    t = asyncio.create_task(catch_uncancel())
    await asyncio.sleep(0)
    t.cancel(); t.cancel(); print("cancelling", t.cancelling())
    print(await t, t.cancelling())
    # cancel twice before first step
    t = asyncio.create_task(catch_and_return())
    t.cancel("a"); t.cancel("b"); print(t._cancel_message, t.cancelling())
    try: print(await t)
    except asyncio.CancelledError as e: print("X", repr(e))
    # cancel then uncancel before the step: must_cancel still set
    t = asyncio.create_task(catch_and_return())
    t.cancel("c"); t.uncancel(); print(t._must_cancel, t.cancelling())
    try: print(await t)
    except asyncio.CancelledError as e: print("Y", repr(e))
asyncio.run(main())
