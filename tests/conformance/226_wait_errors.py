import asyncio


async def job():
    return 1


async def main():
    t = asyncio.create_task(job())
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("empty:", e)
    try:
        await asyncio.wait([t], return_when="SOMETIMES")
    except ValueError as e:
        print("bad return_when:", e)
    c = job()
    try:
        await asyncio.wait([c])
    except TypeError as e:
        print("coroutine in the list:", e)
    try:
        await asyncio.wait(t)
    except TypeError as e:
        print("a single task:", e)
    c.close()
    print(asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED)
    await t


asyncio.run(main())
