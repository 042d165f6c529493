import asyncio


async def inner():
    await asyncio.sleep(1)


async def outer():
    try:
        await asyncio.create_task(inner())
    except asyncio.CancelledError as e:
        print("outer sees args", e.args)
        raise


async def main():
    t = asyncio.create_task(outer())
    await asyncio.sleep(0.1)
    t.cancel("from main")
    try:
        await t
    except asyncio.CancelledError as e:
        print("main sees args", e.args)


asyncio.run(main())
