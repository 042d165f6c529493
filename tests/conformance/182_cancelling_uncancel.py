import asyncio


async def work():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        print("cancelling() inside:", me.cancelling())
        print("uncancel() ->", me.uncancel())
        print("uncancel() again ->", me.uncancel())
    await asyncio.sleep(0.1)
    return "kept going"


async def main():
    t = asyncio.create_task(work())
    await asyncio.sleep(0)
    print("cancelling() before:", t.cancelling())
    t.cancel()
    print("cancelling() after cancel:", t.cancelling())
    print(await t)
    print("cancelling() at the end:", t.cancelling())


asyncio.run(main())
