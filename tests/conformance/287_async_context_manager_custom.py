import asyncio


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("open", self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        print("close", self.name, "after", exc_type.__name__ if exc_type else None)
        return exc_type is KeyError


async def main():
    async with Resource("r1") as r:
        print("using", r.name)
    async with Resource("r2"):
        raise KeyError("suppressed by __aexit__")
    print("main continues")


asyncio.run(main())
