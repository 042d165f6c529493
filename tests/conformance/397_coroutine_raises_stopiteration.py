import asyncio


async def first_item(items):
    await asyncio.sleep(0)
    return next(iter(items))


async def main():
    print(await first_item([1, 2]))
    try:
        await first_item([])
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)
    t = asyncio.create_task(first_item(()))
    try:
        await t
    except RuntimeError as e:
        print("from task:", e)


asyncio.run(main())
