# Coroutines made and awaited at once ("await leaf(i)"), again and
# again: each is a new coroutine object as far as the program can tell
# (name, state, frame, "never awaited" for one dropped later).
import asyncio


async def leaf(i):
    await asyncio.sleep(0)
    return i


async def mid(i):
    return await leaf(i) * 2


async def main():
    total = 0
    for i in range(20):
        total += await mid(i)
    print("total", total)
    c = leaf(7)
    print(c.__name__, c.__qualname__, c.cr_running, c.cr_frame is not None,
          c.cr_await)
    print(await c)
    print(c.cr_frame, c.cr_await)
    d = leaf(8)
    d.__name__ = "renamed"
    print(d.__name__, await mid(3), d.__name__)
    del d
    e = leaf(9)
    print(e.__name__, e.__qualname__, await e)


asyncio.run(main())
