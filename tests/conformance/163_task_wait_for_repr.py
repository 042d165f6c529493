import asyncio


async def child():
    await asyncio.sleep(0.5)


async def parent(t):
    await t


async def main():
    t = asyncio.create_task(child(), name="child")
    p = asyncio.create_task(parent(t), name="parent")
    await asyncio.sleep(0.1)
    print("child has", "wait_for" in repr(t), "parent waits on child:", "name='child'" in repr(p))
    print(repr(p).split(" wait_for=")[0])
    await p
    print(repr(p))


asyncio.run(main())
