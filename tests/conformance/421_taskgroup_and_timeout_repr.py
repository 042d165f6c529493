import asyncio


async def main():
    tg = asyncio.TaskGroup()
    print(repr(tg))
    async with tg:
        tg.create_task(asyncio.sleep(0.1))
        print(repr(tg))
    print(repr(tg))
    cm = asyncio.timeout(None)
    print(repr(cm))
    async with cm:
        print(repr(cm))
        cm.reschedule(10.0)
        print(repr(cm))
    print(repr(cm))
    try:
        async with asyncio.timeout(0.05) as cm2:
            await asyncio.sleep(1)
    except TimeoutError:
        print(repr(cm2))


asyncio.run(main())
