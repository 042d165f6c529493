# Reprs of futures whose result or exception contains the future itself.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_result(f)
    try: print(repr(f))
    except RecursionError as e: print("RecursionError")
    g = loop.create_future()
    g.set_result([g, 1])
    try: print(repr(g))
    except RecursionError as e: print("RecursionError")
    # task whose name is repr'd recursively
    h = loop.create_future()
    h.set_exception(ValueError(h))
    try: print(repr(h))
    except RecursionError as e: print("RecursionError")
    h.exception()
    # task repr: task waiting on future whose result holds the task is fine; cancelling state
    async def c(): await asyncio.sleep(1)
    t = asyncio.create_task(c(), name="T")
    k = loop.create_future(); k.set_result(t)
    await asyncio.sleep(0)
    print(repr(k).replace("/tmp/review/",""))
    t.cancel()
    await asyncio.sleep(0)
asyncio.run(main())
