import asyncio
import functools

calls = []


@functools.lru_cache(maxsize=None)
def expensive_key(n):
    calls.append(n)
    return f"key-{n * n}"


async def lookup(n):
    await asyncio.sleep(0.01 * n)
    return expensive_key(n % 3)


async def main():
    keys = await asyncio.gather(*(lookup(n) for n in range(6)))
    print(keys)
    print("computed:", calls)
    print(expensive_key.cache_info())


asyncio.run(main())
