# runnable
import asyncio


async def last():
    return "no newline at the end"


async def main():
    print(await asyncio.ensure_future(last()))
    print(await t)


async def helper():
    return "helper"


async def setup():
    global t
    t = asyncio.ensure_future(helper())


async def run():
    await setup()
    await main()


asyncio.run(run())


async def unused():
    return asyncio.ensure_future(helper())