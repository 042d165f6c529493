import asyncio


async def job():
    await asyncio.sleep(0.1)
    print("job runs once")
    return "J"


async def main():
    c = job()
    print(await asyncio.gather(c, c, c))
    t = asyncio.create_task(job())
    print(await asyncio.gather(t, t))
    print("tasks made:", t.get_name())


asyncio.run(main())
