import asyncio


async def child():
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    print("main is", asyncio.current_task().get_name())
    a = asyncio.create_task(child())
    b = asyncio.create_task(child(), name="named")
    c = asyncio.create_task(child())
    print(a.get_name(), b.get_name(), c.get_name())
    print(await asyncio.gather(a, b, c))


asyncio.run(main())
