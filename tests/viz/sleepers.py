# Two tasks sleeping on timers: the program `tests/run_viz.sh` opens with
# `looplab viz` (its golden screens are tests/viz/file_*.screen).
import asyncio


async def work(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    a = asyncio.create_task(work("a", 0.2))
    b = asyncio.create_task(work("b", 0.1))
    print(await a, await b)


asyncio.run(main())
