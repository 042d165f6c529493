import asyncio


async def child(delay):
    await asyncio.sleep(delay)
    return asyncio.current_task().get_name()


def names():
    return sorted(t.get_name() for t in asyncio.all_tasks())


async def main():
    me = asyncio.current_task()
    print("current is main:", me.get_name())
    print("all:", names())
    kids = [asyncio.create_task(child(d), name=f"kid{d}") for d in [1, 2, 3]]
    print("all:", names())
    await kids[0]
    print("after kid1:", names())
    await asyncio.gather(*kids)
    print("after all:", names())
    print("main still current:", asyncio.current_task() is me)


asyncio.run(main())
