import asyncio
from typing import Generic, TypeVar

T = TypeVar("T")


class Channel(Generic[T]):
    def __init__(self) -> None:
        self._q: asyncio.Queue = asyncio.Queue()
        self.closed = False

    async def send(self, item: T) -> None:
        await self._q.put(item)

    async def recv(self) -> T:
        return await self._q.get()


async def main():
    ch: Channel[int] = Channel()

    async def producer():
        for i in range(3):
            await asyncio.sleep(0.1)
            await ch.send(i * 11)

    p = asyncio.create_task(producer())
    got = [await ch.recv() for _ in range(3)]
    await p
    print(got, type(ch).__name__)


asyncio.run(main())
