# TimerHandle's comparisons: < and > by due time, equal times in
# scheduling order (the reference recorder's TimerHandle, TRACE.md), and
# events.py's <= and >= (by due time, or when __eq__ holds), == (due
# time, callback, arguments by value, cancelled state) and != (its
# negation), for handles with equal and different due times, callbacks,
# arguments, and cancelled ones.
import asyncio


def cb(*args):
    print("ran", args)


def other(*args):
    print("other ran", args)


async def main():
    loop = asyncio.get_running_loop()
    t = loop.time() + 0.01
    a = loop.call_at(t, cb, 1)
    b = loop.call_at(t, cb, 1)
    c = loop.call_at(t, other, 1)
    d = loop.call_at(t, cb, (1,))
    e = loop.call_at(t + 0.001, cb, 1)
    pairs = [("a", a, "b", b), ("b", b, "a", a), ("a", a, "c", c),
             ("a", a, "d", d), ("a", a, "e", e), ("e", e, "a", a)]
    for xn, x, yn, y in pairs:
        print(xn, yn, "<", x < y, ">", x > y, "<=", x <= y, ">=", x >= y,
              "==", x == y, "!=", x != y)
    print("sorted", [h is a for h in sorted([b, a])],
          [h is e for h in sorted([e, a])])
    print("a == 1", a == 1, "a != 1", a != 1)
    try:
        a < 1
    except TypeError as exc:
        print("TypeError:", exc)
    # Arguments compared by value: equal lists, not the same list.
    f = loop.call_at(t, cb, [1])
    g = loop.call_at(t, cb, [1])
    h = loop.call_at(t, cb, [2])
    print("f == g", f == g, "f == h", f == h, "f <= h", f <= h)
    # A cancelled handle: callback and arguments are None.
    b.cancel()
    print("a == b", a == b, "b == b", b == b, "a != b", a != b)
    c.cancel()
    print("b == c", b == c, "b <= c", b <= c)
    # Same due time, same everything: still distinct handles.
    x1 = loop.call_at(t + 1, cb, 5)
    x2 = loop.call_at(t + 1, cb, 5)
    print("x1 == x2", x1 == x2, "x1 is x2", x1 is x2, "in", x2 in [x1])
    # Equal handles stay scheduled: the reference recorder keeps the
    # handles it made in a WeakSet, where equal TimerHandles are one, and
    # would not record the second's cancel. They are still pending when
    # main returns.
    h.cancel()
    await asyncio.sleep(0.05)
    print("done")


asyncio.run(main())
