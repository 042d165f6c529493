import asyncio


class Cache:
    def __init__(self, data):
        self.data = data
        self.hits = 0

    async def get(self, key):
        await asyncio.sleep(0.05)
        self.hits += 1
        return self.data.get(key, "?")


async def main():
    cache = Cache({"a": 1, "b": 2, "c": 3})
    wanted = ["c", "a", "z"]
    values = {k: await cache.get(k) for k in wanted}
    print(values, "hits:", cache.hits)
    present = {k for k in wanted if await cache.get(k) != "?"}
    print(sorted(present), "hits:", cache.hits)


asyncio.run(main())
