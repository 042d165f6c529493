import asyncio


async def quick():
    return "quick"


async def main():
    t = asyncio.create_task(quick())
    await t
    print("cancel a finished task ->", t.cancel())
    print("cancelled", t.cancelled(), "result", t.result(), "cancelling", t.cancelling())


asyncio.run(main())
