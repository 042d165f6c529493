# A coroutine awaiting itself forever: RecursionError out of asyncio.run.
import asyncio

async def f():
    await f()

asyncio.run(f())
