import asyncio


async def work():
    await asyncio.sleep(0)
    return "task result"


async def main():
    t = asyncio.create_task(work())
    same = asyncio.ensure_future(t)
    print("ensure_future(task) is task:", same is t)
    print("name unchanged:", same.get_name())
    print(await same)


asyncio.run(main())
