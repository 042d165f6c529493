# A coroutine made into a local and never awaited dies when its frame
# returns: CPython warns at the caller's line, and not when the frame's
# value or a Task still holds it. (A task's own coroutine returning is
# lang 588: with the C Task the warning names Handle._run's line, with
# the oracle's pure-Python Task __step's.)
import asyncio


async def work(n):
    return n


def plain():
    c = work(1)
    return "plain done"


def hands_back():
    c = work(2)
    return c


async def coro_body():
    c = work(3)
    x = 2
    return x


async def keeps_in_task():
    c = asyncio.ensure_future(work(5))
    await asyncio.sleep(0)
    return await c


def closure_cell():
    c = work(6)

    def inner():
        return c
    return "cell done"


print(plain())
kept = hands_back()
print(type(kept).__name__)
co = coro_body()
try:
    co.send(None)
except StopIteration as e:
    print("coro_body returned", e.value)
print(closure_cell())


async def main():
    print(await keeps_in_task())


asyncio.run(main())
kept.close()
print("end")

# tracecmp: warnings (the lines of stderr that warnings write are compared)
