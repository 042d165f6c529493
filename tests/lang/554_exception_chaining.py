# Exceptions and cancellations through awaits: __context__, __cause__, and tracebacks.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future(); f.cancel("cm")
    try:
        raise KeyError("k")
    except KeyError:
        try: f.result()
        except asyncio.CancelledError as e:
            print("ctx", repr(e), repr(e.__context__))
    try:
        raise KeyError("k2")
    except KeyError:
        try: f.exception()
        except asyncio.CancelledError as e:
            print("ctx2", repr(e), repr(e.__context__))
    g = loop.create_future(); g.set_exception(ValueError("v"))
    try:
        raise KeyError("k3")
    except KeyError:
        try: g.result()
        except ValueError as e:
            print("ctx3", repr(e), repr(e.__context__))
    # traceback growth
    for i in range(3):
        try: g.result()
        except ValueError as e:
            n = 0; tb = e.__traceback__
            while tb: n += 1; tb = tb.tb_next
            print("tb len", n)
    # await exception future repeatedly
    async def aw():
        try: await g
        except ValueError as e:
            n = 0; tb = e.__traceback__
            while tb: n += 1; tb = tb.tb_next
            return n
    print("await tb", await aw(), await aw())
    # cancelled error distinct instances
    e1 = e2 = None
    try: f.result()
    except asyncio.CancelledError as e: e1 = e
    try: f.result()
    except asyncio.CancelledError as e: e2 = e
    print(e1 is e2, e1.args)
    print(repr(f._make_cancelled_error()), f._cancel_message)
    # cancelled task: first result() returns stored exc, second a new one
    async def c():
        await asyncio.sleep(1)
    t = asyncio.create_task(c()); await asyncio.sleep(0); t.cancel("tm"); await asyncio.sleep(0)
    x1 = t._make_cancelled_error()
    x2 = t._make_cancelled_error()
    print(repr(x1), repr(x2), x1 is x2, x1.__traceback__ is not None, x2.__traceback__ is not None)
    # set_exception with an instance having context/traceback
    h = loop.create_future()
    try: 1/0
    except ZeroDivisionError as z: h.set_exception(z)
    try: await h
    except ZeroDivisionError as z: 
        n = 0; tb = z.__traceback__
        while tb: n += 1; tb = tb.tb_next
        print("zd tb", n)
asyncio.run(main())
