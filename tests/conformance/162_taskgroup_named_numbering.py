import asyncio


async def job():
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job())
        b = tg.create_task(job(), name="special")
        c = tg.create_task(job())
    print(a.result(), b.result(), c.result())


asyncio.run(main())
