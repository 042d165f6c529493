import asyncio


async def inner():
    try:
        await asyncio.sleep(5)
    finally:
        print("inner finally")


async def outer(t):
    try:
        await t
    finally:
        print("outer finally")


async def main():
    t_in = asyncio.create_task(inner(), name="inner")
    t_out = asyncio.create_task(outer(t_in), name="outer")
    await asyncio.sleep(0.1)
    print("cancel outer ->", t_out.cancel())
    await asyncio.gather(t_out, return_exceptions=True)
    print("inner cancelled", t_in.cancelled(), "outer cancelled", t_out.cancelled())


asyncio.run(main())
