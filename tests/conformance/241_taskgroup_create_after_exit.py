import asyncio


async def job():
    return 1


async def main():
    tg = asyncio.TaskGroup()
    c = job()
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print("before enter:", e)
    async with tg:
        tg.create_task(job())
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print("after exit:", e)
    c.close()


asyncio.run(main())
