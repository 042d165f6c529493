# Callback, done and suspend lines of many shapes, more than looplab
# keeps templates for at once: functions with 0 to 6 int arguments
# scheduled and run in turn, names with and without digits, arguments
# that are negative, large, floats, None or futures, a function renamed
# between calls, futures and tasks with their own names and results of
# every kind, and tasks suspended at many lines.
import asyncio


def make(tag):
    def cb(*args):
        print(tag, args)
    return cb


async def sleeper(n):
    for k in range(n):
        await asyncio.sleep(0)
    return n


async def sleeper2(n):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    return -n


async def main():
    loop = asyncio.get_running_loop()
    fns = [make("f%d" % i) for i in range(4)]

    def step2(a, b):
        print("step2", a, b)

    def step(a):
        print("step", a)

    for rnd in range(3):
        for nargs in range(7):
            for fn in fns + [step2, step]:
                args = tuple(range(rnd * 10 + nargs, rnd * 10 + 2 * nargs))
                if fn is step2:
                    args = (rnd, nargs)
                elif fn is step:
                    args = (nargs,)
                loop.call_soon(fn, *args)
        await asyncio.sleep(0)
    # 200 functions with names of their own: far more shapes than slots,
    # each seen again after many others.
    many = []
    for i in range(200):
        g = make("m")
        g.__qualname__ = "cb_" + "abcdefghij"[i // 20] + "klmnopqrstuvwxyzABCD"[i % 20]
        many.append(g)
    for rnd in range(2):
        for i, g in enumerate(many):
            loop.call_soon(g, i % 3, rnd)
        await asyncio.sleep(0)
    loop.call_soon(step, -5)
    loop.call_soon(step, 10 ** 15)
    loop.call_soon(step, 123456789012345)
    loop.call_soon(step, 2.5)
    loop.call_soon(step, None)
    f = loop.create_future()
    loop.call_soon(step, f)
    step.__qualname__ = "renamed"
    loop.call_soon(step, 1)
    step.__qualname__ = "renamed2"
    loop.call_soon(step, 2)
    await asyncio.sleep(0)
    results = [0, -1, 10 ** 15, None, "x", 1.5, True]
    futs = []
    for r in results:
        g = loop.create_future()
        g.set_result(r)
        futs.append(g)
    c = loop.create_future()
    c.cancel()
    e = loop.create_future()
    e.set_exception(ValueError("no"))
    named = asyncio.Future()
    named._lab_note = 1
    named.set_result(7)
    tasks = [asyncio.create_task(sleeper(i)) for i in range(5)]
    tasks += [asyncio.create_task(sleeper2(i), name="job%d" % i)
              for i in range(3)]
    tasks.append(asyncio.create_task(sleeper(2), name="Task-99"))
    tasks.append(asyncio.create_task(sleeper(1), name="Future-5"))
    print(await asyncio.gather(*tasks))
    try:
        await e
    except ValueError as x:
        print("caught", x)


asyncio.run(main())
