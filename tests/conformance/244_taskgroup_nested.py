import asyncio


async def leaf(n):
    await asyncio.sleep(n / 10)
    return n


async def branch(base):
    async with asyncio.TaskGroup() as tg:
        ts = [tg.create_task(leaf(base + i)) for i in range(2)]
    return sum(t.result() for t in ts)


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(branch(1))
        b = tg.create_task(branch(3))
    print("totals", a.result(), b.result())


asyncio.run(main())
