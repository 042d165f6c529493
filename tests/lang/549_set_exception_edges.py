# set_exception with classes, instances, StopIteration, and a constructor that finishes the future.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
class M(type): pass
class E(Exception): pass
class E2(Exception):
    def __init__(self):
        super().__init__()
        GF.set_result('early')

async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    try:
        f.set_exception(E)
        print("A ok", repr(f.exception()))
    except Exception as e: print("A", type(e).__name__, e)
    # exception class whose constructor finishes the future
    global GF
    f = GF = loop.create_future()
    try:
        f.set_exception(E2)
        print("B ok", f._state, f._result, f._exception)
    except Exception as e: print("B", type(e).__name__, e, f._state, f._result)
    # StopIteration subclass
    class SI(StopIteration): pass
    f = loop.create_future()
    try:
        f.set_exception(SI()); print("C ok", repr(f.exception()))
    except Exception as e: print("C", type(e).__name__, e)
    f = loop.create_future()
    try: f.set_exception(StopIteration)
    except Exception as e: print("D", type(e).__name__, e)
    f = loop.create_future()
    try: f.set_exception(42)
    except Exception as e: print("E", type(e).__name__, e)
    # non-exception class
    f = loop.create_future()
    try: f.set_exception(int)
    except Exception as e: print("F", type(e).__name__, e)
    # set_exception on uninitialized
    g = asyncio.Future.__new__(asyncio.Future)
    for name, args in [("set_exception", (ValueError(),)), ("set_result", (1,)), ("result", ()), ("exception", ()), ("done", ()), ("cancelled", ()), ("get_loop", ()), ("add_done_callback", (print,)), ("remove_done_callback", (print,)), ("cancel", ()), ("_make_cancelled_error", ()), ("__repr__", ())]:
        try: print(name, getattr(g, name)(*args))
        except BaseException as e: print(name, type(e).__name__, e)
    for attr in ["_state", "_loop", "_callbacks", "_result", "_exception", "_log_traceback", "_source_traceback", "_cancel_message", "_asyncio_future_blocking"]:
        try: print(attr, getattr(g, attr))
        except BaseException as e: print(attr, type(e).__name__, e)
    try: g._asyncio_future_blocking = True; print("setblk ok")
    except BaseException as e: print("setblk", type(e).__name__, e)
    try: g._log_traceback = False; print("setlog ok")
    except BaseException as e: print("setlog", type(e).__name__, e)
    try: print(list(iter(g)))
    except BaseException as e: print("iter", type(e).__name__, e)
asyncio.run(main())
