import asyncio


async def work(x):
    await asyncio.sleep(0.1)
    return x + 1


async def main():
    coro = work(1)
    t = asyncio.ensure_future(coro)
    print("type:", type(t).__name__)
    print("is a new task:", t is not coro, "name:", t.get_name())
    print("wraps the coroutine:", t.get_coro() is coro)
    print("result:", await t)


asyncio.run(main())
