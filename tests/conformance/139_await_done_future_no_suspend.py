import asyncio


async def fast(fut):
    for i in range(3):
        v = await fut
        print("fast", i, v)


async def other():
    print("other runs")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("ready")
    t1 = asyncio.create_task(fast(fut))
    t2 = asyncio.create_task(other())
    await t1
    await t2


asyncio.run(main())
