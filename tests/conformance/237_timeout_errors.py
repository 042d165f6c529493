import asyncio


async def main():
    cm = asyncio.timeout(1)
    try:
        cm.reschedule(2)
    except RuntimeError as e:
        print("reschedule before enter:", e)
    async with cm:
        pass
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print("enter twice:", e)


asyncio.run(main())
