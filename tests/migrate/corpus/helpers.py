"""Helpers imported by with_helpers.py (no ensure_future here)."""
import asyncio


async def fetch(key):
    await asyncio.sleep(0)
    return f"value-of-{key}"


def fetch_later(key):
    return asyncio.ensure_future(fetch(key))


async def stream(n):
    for i in range(n):
        yield i
