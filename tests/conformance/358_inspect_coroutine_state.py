import asyncio
import inspect


async def worker(ev):
    await ev.wait()
    return "done"


async def agen():
    yield 1


def plain():
    return 1


async def main():
    ev = asyncio.Event()
    coro = worker(ev)
    print(inspect.getcoroutinestate(coro))
    task = asyncio.create_task(coro)
    await asyncio.sleep(0)
    print(inspect.getcoroutinestate(coro))
    ev.set()
    await task
    print(inspect.getcoroutinestate(coro))
    for f in (worker, agen, plain, main):
        print(f.__name__, inspect.iscoroutinefunction(f), inspect.isasyncgenfunction(f),
              asyncio.iscoroutinefunction(f))
    a = agen()
    print(inspect.isawaitable(a), inspect.isasyncgen(a), inspect.isawaitable(task))
    print(inspect.getcoroutinestate(main.__code__ and asyncio.current_task().get_coro()))


asyncio.run(main())
