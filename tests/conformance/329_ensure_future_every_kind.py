import asyncio
import types


async def coro_fn():
    await asyncio.sleep(0.01)
    return "coro"


@types.coroutine
def gen_coro():
    yield
    return "gen-coro"


class Awaitable:
    def __await__(self):
        yield from asyncio.sleep(0.02).__await__()
        return "awaitable"


async def agen():
    yield 1


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("future")
    task = asyncio.create_task(coro_fn())
    things = [coro_fn(), gen_coro(), Awaitable(), fut, task]
    wrapped = [asyncio.ensure_future(x) for x in things]
    print([type(w).__name__ for w in wrapped])
    print("same future:", wrapped[3] is fut, "same task:", wrapped[4] is task)
    print(await asyncio.gather(*wrapped))
    for bad in (42, "text", agen(), coro_fn):
        try:
            asyncio.ensure_future(bad)
        except TypeError as e:
            print("TypeError:", e)


asyncio.run(main())
