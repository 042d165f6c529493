import asyncio


async def raiser():
    await asyncio.sleep(0)
    raise asyncio.CancelledError("made up")


async def main():
    t = asyncio.create_task(raiser())
    try:
        await t
    except asyncio.CancelledError as e:
        print("await raised", e.args)
    print("cancelled()", t.cancelled(), "cancelling()", t.cancelling())


asyncio.run(main())
