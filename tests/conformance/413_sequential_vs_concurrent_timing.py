import asyncio


async def fetch(i):
    await asyncio.sleep(0.5)
    return i


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    seq = []
    for i in range(4):
        seq.append(await fetch(i))
    t1 = loop.time()
    conc = await asyncio.gather(*[fetch(i) for i in range(4)])
    t2 = loop.time()
    tasks = [asyncio.create_task(fetch(i)) for i in range(4)]
    via_tasks = [await t for t in tasks]
    t3 = loop.time()
    print(f"sequential {seq} in {t1 - t0:.1f}s")
    print(f"gather     {conc} in {t2 - t1:.1f}s")
    print(f"tasks      {via_tasks} in {t3 - t2:.1f}s")


asyncio.run(main())
