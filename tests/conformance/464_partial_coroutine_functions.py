import asyncio
import functools


class Downloader:
    def __init__(self, base):
        self.base = base

    async def fetch(self, path, *, retries=0):
        await asyncio.sleep(0.05)
        return f"{self.base}:{path} (retries={retries})"

    @classmethod
    async def create(cls, base):
        await asyncio.sleep(0)
        return cls(base)

    @staticmethod
    async def ping():
        await asyncio.sleep(0.01)
        return "pong"


async def main():
    d = await Downloader.create("srv")
    get_with_retries = functools.partial(d.fetch, retries=3)
    tasks = [
        asyncio.create_task(get_with_retries("a")),
        asyncio.create_task(d.fetch("b")),
        asyncio.create_task(Downloader.ping()),
        asyncio.create_task(functools.partial(Downloader.ping)()),
    ]
    for t in tasks:
        print(t.get_coro().__qualname__, "->", await t)
    print(asyncio.iscoroutinefunction(get_with_retries), asyncio.iscoroutinefunction(Downloader.create))


asyncio.run(main())
