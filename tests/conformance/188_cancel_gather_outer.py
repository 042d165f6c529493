import asyncio


async def child(n):
    await asyncio.sleep(n)
    return n


async def main():
    a = asyncio.create_task(child(1))
    b = asyncio.create_task(child(2))
    g = asyncio.gather(a, b)
    await asyncio.sleep(0)
    print("g.cancel() ->", g.cancel("stop all"))
    try:
        await g
    except asyncio.CancelledError as e:
        print("await g raised CancelledError", e.args)
    print("g.cancelled()", g.cancelled(), "g.done()", g.done())
    print("children cancelled:", a.cancelled(), b.cancelled())
    print("cancel again ->", g.cancel())


asyncio.run(main())
