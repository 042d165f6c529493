import asyncio


async def boom():
    raise ValueError("lost in a task")


async def main():
    t = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print("task done:", t.done())
    del t
    print("main finished")


asyncio.run(main())
print("after asyncio.run")
