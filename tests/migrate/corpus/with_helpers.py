# runnable
"""A script that imports its coroutine functions from a module beside it."""
import asyncio

import helpers
from helpers import fetch, fetch_later, stream as numbers


async def main():
    a = asyncio.ensure_future(fetch("a"))                # async def in helpers.py
    b = asyncio.ensure_future(helpers.fetch("b"))        # the same, via the module
    c = asyncio.ensure_future(fetch_later("c"))          # returns a Task
    d = asyncio.ensure_future(helpers.fetch_later("d"))  # returns a Task
    print(await a, await b, await c, await d)
    try:
        asyncio.ensure_future(numbers(3))                # an async generator
    except TypeError as exc:
        print("TypeError:", type(exc).__name__)


asyncio.run(main())
