import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    print(name, "finished")
    return name * 2


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(job("a", 0.2))
        t2 = tg.create_task(job("b", 0.1))
        print("tasks created:", t1.get_name(), t2.get_name())
    print("after the group:", t1.result(), t2.result())


asyncio.run(main())
