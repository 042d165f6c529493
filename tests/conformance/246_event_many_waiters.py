import asyncio


async def waiter(name, ev):
    await ev.wait()
    print(name, "released")


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ["w1", "w2", "w3"]]
    await asyncio.sleep(0)
    print("setting")
    ev.set()
    ev.set()
    await asyncio.gather(*tasks)


asyncio.run(main())
