# An exception in the body of "async with" on an @asynccontextmanager:
# the cleanup runs, then the exception propagates out of asyncio.run.
import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def session(name):
    print("open", name)
    try:
        yield name
    finally:
        await asyncio.sleep(0.01)
        print("close", name)


async def main():
    async with session("s1"):
        await asyncio.sleep(0.01)
        raise LookupError("no such row")


asyncio.run(main())
