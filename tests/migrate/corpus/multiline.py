# runnable
import asyncio


async def inner(x):
    await asyncio.sleep(0)
    return x


async def outer(a, b=None):
    return (a, await b if b is not None else None)


async def main():
    t1 = asyncio.ensure_future(
        outer(
            1,
            b=asyncio.ensure_future(inner("nested")),  # nested site: safe too
        )
    )
    t2 = asyncio \
        .ensure_future(inner(2))
    t3 = asyncio.ensure_future(  # a comment after the paren
        inner(
            [i * i for i in range(3)]
        ),
    )
    t4 = asyncio.ensure_future(inner(
        {"k": (1, 2), "v": [3, {4}]}))
    t5 = asyncio.ensure_future(inner(3), loop=asyncio.get_running_loop())
    t6 = asyncio.ensure_future(inner(4)); t7 = asyncio.ensure_future(inner(5))
    results = await asyncio.gather(t1, t2, t3, t4, t5, t6, t7)
    print(results)
    # ensure_future( in an unclosed-looking comment: (((
    print(await asyncio.ensure_future(inner("awaited")))


asyncio.run(main())
