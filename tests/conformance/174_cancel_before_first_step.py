import asyncio


async def work():
    print("the body never runs")
    return 1


async def main():
    t = asyncio.create_task(work())
    print("cancel ->", t.cancel())
    print("cancelling()", t.cancelling(), "done", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting raised CancelledError")
    print("cancelled", t.cancelled())


asyncio.run(main())
