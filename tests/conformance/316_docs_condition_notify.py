import asyncio


async def consumer(cond, name, items):
    async with cond:
        await cond.wait_for(lambda: len(items) > 0)
        item = items.pop(0)
        print(f"{name} consumed {item}")


async def producer(cond, items):
    for i in range(3):
        await asyncio.sleep(0.1)
        async with cond:
            items.append(f"item{i}")
            print(f"produced item{i}")
            cond.notify()


async def main():
    cond = asyncio.Condition()
    items = []
    consumers = [asyncio.create_task(consumer(cond, f"c{i}", items)) for i in range(3)]
    await producer(cond, items)
    await asyncio.gather(*consumers)
    print("left:", items)


asyncio.run(main())
