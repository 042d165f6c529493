# @asynccontextmanager, AsyncExitStack and aclosing inside asyncio
# programs: connections opened and closed around tasks.
import asyncio
from contextlib import asynccontextmanager, AsyncExitStack, aclosing

events = []


class LinkDown(Exception):
    pass


@asynccontextmanager
async def connection(name, delay):
    await asyncio.sleep(delay)
    events.append(f"open {name}")
    try:
        yield f"conn-{name}"
    except LinkDown as e:
        events.append(f"{name} saw {e}")
        raise
    finally:
        await asyncio.sleep(delay)
        events.append(f"close {name}")


async def client(name, delay):
    async with connection(name, delay) as conn:
        await asyncio.sleep(0.05)
        events.append(f"{name} used {conn}")
    return name


async def ticker(n):
    for i in range(n):
        yield i
        await asyncio.sleep(0.01)


async def main():
    print(await asyncio.gather(client("a", 0.3), client("b", 0.1)))
    print("\n".join(events))
    events.clear()

    async with AsyncExitStack() as stack:
        conns = []
        for name in ("x", "y", "z"):
            conns.append(await stack.enter_async_context(
                connection(name, 0.01)))

        async def flush(tag):
            await asyncio.sleep(0.01)
            events.append(f"flushed {tag}")

        stack.push_async_callback(flush, "buffers")
        stack.callback(events.append, "sync callback")
        print("opened", conns)
    print("\n".join(events))
    events.clear()

    try:
        async with connection("bad", 0) as conn:
            raise LinkDown("reset by peer")
    except LinkDown as e:
        print("caught", repr(e))
    print(events)
    events.clear()

    stack = AsyncExitStack()
    await stack.enter_async_context(connection("manual", 0.01))
    more = stack.pop_all()
    await stack.aclose()
    print("after first aclose:", events)
    await more.aclose()
    print("after second aclose:", events)

    async with aclosing(ticker(10)) as t:
        async for i in t:
            if i == 3:
                break
            print("tick", i)
    print("ticker finished:", t.ag_frame is None)

    # Tasks sharing one connection, all inside the context.
    async with connection("shared", 0.1) as conn:
        async def use(i):
            await asyncio.sleep(0.01 * (3 - i))
            return f"{conn} #{i}"
        print(await asyncio.gather(*(use(i) for i in range(3))))
    print(events[-1])

    try:
        async with AsyncExitStack() as stack:
            await stack.enter_async_context(object())
    except TypeError as e:
        print(e)


asyncio.run(main())
