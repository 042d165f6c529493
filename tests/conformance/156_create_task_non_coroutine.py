import asyncio


async def work():
    return "work"


async def main():
    for thing in [42, "text", [1, 2]]:
        try:
            asyncio.create_task(thing)
        except TypeError as e:
            print("TypeError:", e)
    t = asyncio.create_task(work())
    print("next task is", t.get_name(), await t)


asyncio.run(main())
