import asyncio
import types


@types.coroutine
def yield_once():
    """A generator-based coroutine: a bare yield gives the loop one turn."""
    yield


@types.coroutine
def wait_future(fut):
    result = yield from fut
    return result


async def worker(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        await yield_once()
    return name


async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(worker("a", 3), worker("b", 2))
    print(results)
    fut = loop.create_future()
    loop.call_later(0.2, fut.set_result, "from the future")
    print(await wait_future(fut))


asyncio.run(main())
