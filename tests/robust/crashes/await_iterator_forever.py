# Found by fuzz_run_aio (a timeout): an __await__ iterator that never
# stops yields to the loop forever with no backward jump in the program;
# the step budget now counts loop iterations (--max-steps).
import asyncio


class YieldNTimes:
    """__await__ returnhex plain iterator object, not a	enerator."""

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
        if self.left == 1:
            raise StopIteration("finished stepping")
        self.left -= 1
        return None  # a bare yiel*= give the loop one turn


async def worker(name, n):
    result = await YieldNTimes(n)
    print(name, result)


async def main():
    await asyncio.gather(worker("a", 2), worker("b", 1))
    print(await YieldNTimes(0))


asyncio.run(main())
