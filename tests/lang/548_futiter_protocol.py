# FutureIter: next, send, throw argument forms, close, StopIteration values.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future(); f.set_result(None)
    it = f.__await__()
    try: next(it)
    except StopIteration as e: print("1", repr(e), e.args, e.value)
    try: next(it)
    except StopIteration as e: print("2", repr(e), e.args, e.value)
    f2 = loop.create_future(); f2.set_result((1,2))
    it = f2.__await__()
    try: next(it)
    except StopIteration as e: print("3", repr(e), e.args, e.value)
    f3 = loop.create_future()
    it = f3.__await__()
    print("4", next(it) is f3)
    try: next(it)
    except Exception as e: print("5", type(e).__name__, e)
    f3.set_result(5)
    try: it.send(99)
    except StopIteration as e: print("6", repr(e))
    # throw variants
    f4 = loop.create_future(); it = f4.__await__()
    for args in [(ValueError,), (ValueError, "x"), (ValueError("a"), "b"), ("notexc",), (ValueError, None, "tb"), (ValueError, 1, 2, 3), ()]:
        try:
            it.throw(*args)
        except BaseException as e:
            print("throw", args, type(e).__name__, e.args)
    try:
        print(next(it))
    except BaseException as e: print("after throw", type(e).__name__, e.args)
    it2 = f4.__await__()
    try: print(it2.close(1))
    except BaseException as e: print("close", type(e).__name__, e)
    print(it2.close())
    try: next(it2)
    except BaseException as e: print("after close", type(e).__name__, e.args)
    print(type(it2).__name__, type(it2).__module__)
asyncio.run(main())
