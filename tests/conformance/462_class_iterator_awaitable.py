import asyncio


class YieldNTimes:
    """__await__ returns a plain iterator object, not a generator."""

    def __init__(self, n):
        self.n = n

    def __await__(self):
        return _Steps(self.n)


class _Steps:
    def __init__(self, n):
        self.left = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.left == 0:
            raise StopIteration("finished stepping")
        self.left -= 1
        return None  # a bare yield: give the loop one turn


async def worker(name, n):
    result = await YieldNTimes(n)
    print(name, result)


async def main():
    await asyncio.gather(worker("a", 2), worker("b", 1))
    print(await YieldNTimes(0))


asyncio.run(main())
