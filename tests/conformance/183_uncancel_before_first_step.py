import asyncio


async def work():
    print("body runs")
    return 1


async def main():
    t = asyncio.create_task(work())
    t.cancel()
    print("uncancel ->", t.uncancel())
    try:
        print("result", await t)
    except asyncio.CancelledError:
        print("still cancelled in 3.11:", t.cancelled())


asyncio.run(main())
