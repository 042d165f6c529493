import asyncio


async def other():
    print("other runs")


async def main():
    t = asyncio.create_task(other())
    print("before sleep(-1)")
    await asyncio.sleep(-1)
    print("after sleep(-1), other done:", t.done())


asyncio.run(main())
