import asyncio


async def job():
    await asyncio.sleep(0)
    return asyncio.current_task().get_name()


async def main():
    loop = asyncio.get_running_loop()
    names = []
    names.append(await asyncio.create_task(job()))
    names.append(await asyncio.create_task(job(), name=None))
    names.append(await asyncio.create_task(job(), name=42))
    names.append(await loop.create_task(job(), name="via-loop"))
    names.append(await asyncio.ensure_future(job()))
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(job(), name="tg-named")
        t2 = tg.create_task(job())
    names += [t1.result(), t2.result()]
    t = asyncio.create_task(job(), name="dup")
    u = asyncio.create_task(job(), name="dup")
    names += [await t, await u]
    t.set_name("renamed-after")
    names.append(t.get_name())
    print(names)


asyncio.run(main())
