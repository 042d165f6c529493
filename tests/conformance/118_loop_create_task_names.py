import asyncio


async def child():
    await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_task(child(), name="via-loop")
    b = asyncio.create_task(child())
    c = asyncio.create_task(child(), name="via-asyncio")
    d = loop.create_task(child())
    for t in [a, b, c, d]:
        print(t.get_name())
    await asyncio.gather(a, b, c, d)


asyncio.run(main())
