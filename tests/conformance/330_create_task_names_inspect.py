import asyncio


async def job(delay):
    me = asyncio.current_task()
    await asyncio.sleep(delay)
    return f"{me.get_name()} slept {delay}"


async def main():
    print("main is", asyncio.current_task().get_name())
    tasks = [
        asyncio.create_task(job(0.3), name="download"),
        asyncio.create_task(job(0.1)),
        asyncio.create_task(job(0.2), name="parse"),
        asyncio.create_task(job(0.4)),
    ]
    names = sorted(t.get_name() for t in asyncio.all_tasks())
    print("running:", names)
    tasks[1].set_name("renamed")
    for t in tasks:
        print(await t)
    print("left:", sorted(t.get_name() for t in asyncio.all_tasks()))


asyncio.run(main())
