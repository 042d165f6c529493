import asyncio


async def consumer(name, cond, box):
    async with cond:
        await cond.wait_for(lambda: len(box) > 0)
        print(name, "took", box.pop(0))


async def main():
    cond = asyncio.Condition()
    box = []
    tasks = [asyncio.create_task(consumer(f"c{i}", cond, box)) for i in range(2)]
    await asyncio.sleep(0)
    for item in ["x", "y"]:
        async with cond:
            box.append(item)
            cond.notify(1)
        await asyncio.sleep(0.1)
    await asyncio.gather(*tasks)


asyncio.run(main())
