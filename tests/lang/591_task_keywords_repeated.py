# Keyword arguments of the C Task and Future, given at the same call site
# again and again (looplab remembers where each keyword of a call site
# goes), with wrong calls between the right ones and after them.
import asyncio


async def work(i):
    return i


def make(loop, coro, **kw):
    # One call site, the keyword names varying with the caller.
    return asyncio.Task(coro, loop=loop, **kw)


async def main():
    loop = asyncio.get_running_loop()
    tasks = []
    for i in range(3):
        tasks.append(asyncio.Task(work(i), loop=loop, name=f"t{i}"))
    for kw in ({"name": "a"}, {"context": None}, {"name": "b", "context": None},
               {"nme": "c"}, {"name": "d"}, {"loop": loop}):
        c = work(9)
        try:
            t = make(loop, c, **kw)
            tasks.append(t)
            print("made", t.get_name())
        except TypeError as e:
            print("TypeError:", e)
            c.close()
    for i in range(2):
        c = work(i)
        try:
            asyncio.Task(c, coro=c, loop=loop)
        except TypeError as e:
            print("TypeError:", e)
        try:
            asyncio.Task(c, loop=loop, name="x", context=None, extra=1)
        except TypeError as e:
            print("TypeError:", e)
        c.close()
    f = loop.create_future()
    for i in range(3):
        f.add_done_callback(lambda fut: print("done", fut.result()),
                            context=None)
        try:
            f.add_done_callback(print, ctx=None)
        except TypeError as e:
            print("TypeError:", e)
    for i in range(2):
        g = asyncio.Future(loop=loop)
        print(g.cancel(msg="why"), g.cancelled())
        try:
            asyncio.Future(loop=loop, lop=loop)
        except TypeError as e:
            print("TypeError:", e)
    f.set_result(7)
    print(sorted([await t for t in tasks]))
    print([t.get_name() for t in tasks])


asyncio.run(main())
