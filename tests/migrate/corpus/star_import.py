# runnable
from asyncio import *


async def work():
    await sleep(0)
    return "star"


async def main():
    t = ensure_future(work())
    print(await t)


run(main())
