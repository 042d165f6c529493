# runnable
import asyncio as aio
import time  # not asyncio; time.sleep is not a coroutine function


async def tick(name, n):
    for i in range(n):
        await aio.sleep(0)
        print(name, i)
    return name


async def main():
    a = aio.ensure_future(tick("a", 2))
    b = aio.ensure_future(aio.sleep(0, result="slept"))
    c = aio.ensure_future(aio.wait_for(tick("c", 1), timeout=5))
    both = aio.ensure_future(aio.gather(tick("d", 1), tick("e", 1)))
    shielded = aio.ensure_future(aio.shield(a))
    print(await a, await b, await c)
    print(await both, await shielded)
    done = aio.ensure_future(aio.wait([aio.ensure_future(tick("f", 1))]))
    finished, _ = await done
    print(len(finished))
    t = aio.ensure_future(aio.to_thread(time.monotonic))
    print(type(await t).__name__)


aio.run(main())
