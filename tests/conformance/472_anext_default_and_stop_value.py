import asyncio


async def countdown(n):
    while n > 0:
        await asyncio.sleep(0.01)
        yield n
        n -= 1


class Ready:
    """Awaitable through a plain iterator whose StopIteration carries the result."""

    def __init__(self, value):
        self.value = value

    def __await__(self):
        return iter(_Once(self.value))


class _Once:
    def __init__(self, value):
        self.value = value
        self.yielded = False

    def __iter__(self):
        return self

    def __next__(self):
        if not self.yielded:
            self.yielded = True
            return None
        raise StopIteration(self.value)


async def main():
    it = countdown(2)
    print(await anext(it, "empty"), await anext(it, "empty"), await anext(it, "empty"))
    print(await Ready({"status": "ok"}))


asyncio.run(main())
