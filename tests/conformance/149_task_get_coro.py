import asyncio


async def work(n):
    await asyncio.sleep(0)
    return n


async def main():
    coro = work(3)
    t = asyncio.create_task(coro)
    print("get_coro is coro:", t.get_coro() is coro)
    print("qualname:", t.get_coro().__qualname__)
    print("result:", await t)
    print("still the same coro:", t.get_coro() is coro)
    print("main coro:", asyncio.current_task().get_coro().__qualname__)


asyncio.run(main())
