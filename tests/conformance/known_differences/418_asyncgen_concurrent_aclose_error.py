import asyncio


async def slow_gen():
    try:
        yield 1
        await asyncio.sleep(1)
        yield 2
    finally:
        print("slow_gen finally")


async def consume(g):
    async for x in g:
        print("consumed", x)


async def main():
    g = slow_gen()
    t = asyncio.create_task(consume(g))
    await asyncio.sleep(0.1)
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await g.__anext__()
    except RuntimeError as e:
        print("RuntimeError:", e)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print("task cancelled:", t.cancelled())


asyncio.run(main())
