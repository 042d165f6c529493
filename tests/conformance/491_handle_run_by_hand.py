# Handle._run called by hand: on a live handle it runs the callback (and
# again, each time it is called), on a cancelled Handle or TimerHandle
# its call unpacks *None and the TypeError goes to the loop's exception
# handler, as any callback's error does. Nothing stops the program.
# (Handle.get_context() is Python 3.12's: 3.11 handles have none.)
import asyncio


def cb(i):
    print("cb", i)


def boom():
    raise ValueError("boom")


async def main():
    loop = asyncio.get_running_loop()
    errors = []
    loop.set_exception_handler(
        lambda lp, ctx: errors.append((ctx["message"],
                                       type(ctx["exception"]).__name__,
                                       str(ctx["exception"]))))
    h = loop.call_soon(cb, 1)
    print("get_context", hasattr(h, "get_context"))
    h._run()
    h._run()
    h.cancel()
    h._run()
    h.cancel()
    t = loop.call_later(0.01, cb, 2)
    t.cancel()
    t._run()
    b = loop.call_soon(boom)
    b._run()
    await asyncio.sleep(0.02)
    for e in errors:
        print(e)
    loop.set_exception_handler(None)
    c = loop.call_soon(cb, 3)
    c.cancel()
    c._run()
    print("end")


asyncio.run(main())
