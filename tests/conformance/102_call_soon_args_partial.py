import asyncio
from functools import partial


def show(*args, **kwargs):
    print("args", args, "kwargs", sorted(kwargs.items()))


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(show, 1, "two", [3])
    loop.call_soon(show)
    loop.call_soon(partial(show, "p", key="v"))
    loop.call_soon(partial(show, 1), 2)
    loop.call_soon(print, "a builtin callback")
    print("scheduled five callbacks")
    await asyncio.sleep(0)
    print("main resumes after them")


asyncio.run(main())
