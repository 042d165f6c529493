import asyncio


async def instant():
    return "instant"


async def needs_a_turn():
    await asyncio.sleep(0)
    return "one turn"


async def main():
    loop = asyncio.get_running_loop()
    for coro_fn in (instant, needs_a_turn):
        try:
            print(await asyncio.wait_for(coro_fn(), timeout=0))
        except TimeoutError:
            print(coro_fn.__name__, "timed out with timeout=0")
    fut = loop.create_future()
    fut.set_result("done already")
    print(await asyncio.wait_for(fut, timeout=0))
    t = asyncio.create_task(needs_a_turn())
    try:
        await asyncio.wait_for(t, timeout=-1)
    except TimeoutError:
        print("task cancelled by negative timeout:", t.cancelled())


asyncio.run(main())
