# runnable
"""Where ensure_future is the right tool: its argument may already be a Future."""
import asyncio
import concurrent.futures


async def produce(v):
    await asyncio.sleep(0)
    return v


def blocking(v):
    return v * 2


def maybe_task(v):
    """A plain function that returns a Task: ensure_future passes it through."""
    return asyncio.ensure_future(produce(v))


async def normalise(aw):
    # aw may be a coroutine, a Task or a Future: exactly ensure_future's job
    return await asyncio.ensure_future(aw)


async def relay(produce, v):
    # `produce` here is the parameter, not the async def above
    return await asyncio.ensure_future(produce(v))


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(produce("task"))
    fut = loop.create_future()
    items = [fut, task]
    a = asyncio.ensure_future(task)
    b = asyncio.ensure_future(items[0])
    c = asyncio.ensure_future(loop.run_in_executor(None, blocking, 21))
    d = asyncio.ensure_future(asyncio.wrap_future(concurrent.futures.Future()))
    e = asyncio.ensure_future(maybe_task("via plain def"))
    f = asyncio.ensure_future(loop.create_future())
    g = asyncio.ensure_future(asyncio.get_running_loop().create_future())
    h = asyncio.ensure_future(asyncio.create_task(produce("inner")))
    fut.set_result("fut")
    print(await a, await b, await c, await e, await h)
    print(await normalise(produce("coro")), await normalise(task))
    print(await relay(lambda v: produce(v + "!"), "relayed"))
    for x in (d, f, g):
        x.cancel()
    safe = asyncio.ensure_future(produce("the only safe one"))
    print(await safe)


asyncio.run(main())
