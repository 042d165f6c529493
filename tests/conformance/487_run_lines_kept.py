# "run" lines of handles whose "schedule" line had a kept shape: the
# recorder may write them from the template the schedule line's shape
# keeps for them. They must still follow the callback as it is when it
# runs (a __qualname__ set in between), survive the shape table filling
# up with other callbacks while they wait, and keep floats, partials,
# None/True/False, futures and tasks' own steps as they were.
import asyncio
import functools


def tick(i, j):
    pass


def other(i):
    pass


async def child(i):
    await asyncio.sleep(0)
    return i


async def main():
    loop = asyncio.get_running_loop()
    # The same shape many times: the "run" template is learnt once.
    for i in range(5):
        loop.call_soon(tick, i, i * 2)
    await asyncio.sleep(0)
    # The name changes between schedule and run.
    loop.call_soon(tick, 1, 2)
    tick.__qualname__ = "renamed"
    await asyncio.sleep(0)
    loop.call_soon(tick, 3, 4)
    tick.__qualname__ = "again2"
    await asyncio.sleep(0)
    loop.call_soon(tick, 5, 6)
    tick.__qualname__ = "tick"
    await asyncio.sleep(0)
    loop.call_soon(tick, 7, 8)
    await asyncio.sleep(0)
    # Many distinct callbacks while the first handles wait: the table of
    # shapes is refilled before they run.
    early = [loop.call_soon(tick, k, None) for k in range(3)]
    fns = []
    for k in range(300):
        def f(a, b=None):
            pass
        f.__qualname__ = "cb_" + "abcdefghij"[k % 10] * (1 + k // 10)
        fns.append(f)
        loop.call_soon(f, k, True)
    late = [loop.call_soon(tick, k, False) for k in range(3)]
    await asyncio.sleep(0)
    # Floats, partials, futures as arguments, timers.
    fut = loop.create_future()
    for d in (0.001, 0.002, 0.001):
        loop.call_later(d, tick, d, 1.5)
    loop.call_soon(functools.partial(tick, 1), 2)
    loop.call_soon(functools.partial(tick, 1), 2)
    loop.call_soon(tick, fut, 0)
    loop.call_soon(tick, fut, 0)
    loop.call_soon(fut.set_result, 9)
    h = loop.call_soon(tick, 0, 0)
    h.cancel()
    await asyncio.sleep(0.01)
    # Tasks' own steps and wake-ups: natives of the task.
    print(await asyncio.gather(*[child(i) for i in range(4)]))
    print("done", len(early), len(late), len(fns))


asyncio.run(main())
