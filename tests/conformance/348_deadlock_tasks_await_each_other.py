import asyncio

tasks = {}


async def first():
    await asyncio.sleep(0.1)
    print("first awaits second")
    return await tasks["second"]


async def second():
    await asyncio.sleep(0.2)
    print("second awaits first")
    return await tasks["first"]


async def main():
    tasks["first"] = asyncio.create_task(first())
    tasks["second"] = asyncio.create_task(second())
    print("waiting", end=" ... ")
    await asyncio.gather(*tasks.values())


asyncio.run(main())
