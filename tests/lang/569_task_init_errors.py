# Task.__init__'s argument errors, as the C Task (Argument Clinic) words
# them, and what a failed or repeated __init__ leaves behind.
import asyncio


async def work(tag):
    await asyncio.sleep(0)
    return tag


class Awaitable:
    def __await__(self):
        yield

    def __repr__(self):
        return '<Awaitable>'


async def main():
    loop = asyncio.get_running_loop()
    co = work('co')
    cases = [
        ((), {}),
        ((co, 1), {}),
        ((co,), {'nme': 'x'}),
        ((co,), {'loop': loop, 'loop2': 1}),
        ((), {'loop': loop}),
        ((42,), {}),
        ((Awaitable(),), {}),
        ((work.__name__,), {}),
    ]
    for args, kwargs in cases:
        try:
            asyncio.Task(*args, **kwargs)
        except TypeError as exc:
            print('TypeError:', exc)
    t = asyncio.Task(co, name='first')
    print(t.get_name(), t.done())
    try:
        t.__init__(42)
    except TypeError as exc:
        print('again:', exc)
    print(t.get_name(), t.done(), await t)
    x = work('x')
    try:
        asyncio.Task.__init__(loop, x)
    except TypeError as exc:
        print('TypeError:', str(exc)[:40])
    x.close()
    n = asyncio.Task(work('n'), name=None)
    print(n.get_name().startswith('Task-'), await n)


asyncio.run(main())
