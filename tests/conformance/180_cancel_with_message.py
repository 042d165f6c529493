import asyncio


async def work():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("inside, args:", e.args)
        raise


async def main():
    t = asyncio.create_task(work())
    await asyncio.sleep(0)
    t.cancel("shutdown requested")
    try:
        await t
    except asyncio.CancelledError as e:
        print("outside, args:", e.args)
    for i in range(2):
        try:
            t.result()
        except asyncio.CancelledError as e:
            print("result() call", i + 1, "args:", e.args)


asyncio.run(main())
