# Callback and suspend lines of shapes the recorder keeps (recorded from
# their numbers after the first): functools.partial callbacks, tasks
# that wait inside asyncio's own coroutines ("sleep:-"), and float
# arguments and due times that recur, next to ones that must not be
# taken for them.
import asyncio
import functools


def note(*args):
    print("note", args)


class Box:
    def method(self, x):
        print("method", x)


def digits2(x):
    print("digits2", x)


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    # A partial of a function, with and without call arguments, twice
    # each; a partial of a partial, of a bound method, of a lambda and of
    # a function whose name has a digit.
    for i in range(2):
        loop.call_soon(functools.partial(note, "p", i))
        loop.call_soon(functools.partial(note, i), 7, 0.25)
        loop.call_soon(functools.partial(functools.partial(note, 1), 2))
        loop.call_soon(functools.partial(Box().method, i))
        loop.call_soon(functools.partial(lambda x: print("lambda", x), i))
        loop.call_soon(functools.partial(digits2, i))
        loop.call_soon(functools.partial(note, kw=i))
        loop.call_soon(note, i)
    fut.add_done_callback(functools.partial(note, "done"))
    loop.call_soon(fut.set_result, 3)
    await asyncio.sleep(0)
    await asyncio.sleep(0)

    # Floats that recur as arguments, as delays and as due times, one
    # repr that needs 17 digits, and ones that are not plain decimals.
    odd = [0.1 + 0.2, 1e-07, 123456789012345.6, 2.5e16, -0.5, 0.0, -0.0]
    for i in range(3):
        for d in (0.001, 0.002, 0.001):
            loop.call_later(d, note, d, i)
        loop.call_later(0.001, note, loop.time() + 0.001)
        for x in odd:
            loop.call_soon(note, x)
            loop.call_soon(note, i, x)
    loop.call_at(loop.time() + 0.1 + 0.2, note, 0.1 + 0.2)
    await asyncio.sleep(0.5)

    # Tasks whose coroutine is asyncio's own (no frame of this file):
    # their suspend lines read "sleep:-".
    tasks = [asyncio.create_task(asyncio.sleep(0.01)) for _ in range(3)]
    await asyncio.gather(*tasks)
    waits = [asyncio.create_task(asyncio.wait_for(asyncio.sleep(0.01), 1))
             for _ in range(2)]
    await asyncio.gather(*waits)
    # A coroutine renamed: with a digit, and with another name.
    c = asyncio.sleep(0.01)
    c.__qualname__ = "renamed2"
    t = asyncio.create_task(c)
    await t
    c = asyncio.sleep(0.01)
    c.__qualname__ = "renamed"
    await asyncio.create_task(c)
    c = asyncio.sleep(0.01)
    c.__qualname__ = "renamed"
    await asyncio.create_task(c)
    # wait_for whose inner task is cancelled by the timeout.
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print("timed out")
    print("end", loop.time() > 0.5)


asyncio.run(main())
