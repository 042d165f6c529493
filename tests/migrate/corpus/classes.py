# runnable
import asyncio
from typing import Optional


def logged(fn):
    """A decorator that may hand back anything (here: a Task)."""
    def wrapper(*args, **kwargs):
        return asyncio.ensure_future(fn(*args, **kwargs))
    return wrapper


class Worker:
    name: str = "worker"

    def __init__(self) -> None:
        self._task: Optional[asyncio.Task] = None
        self._done = None

    async def run(self, n: int) -> int:
        await asyncio.sleep(0)
        return n * 10

    async def _loop(self) -> str:
        return "looped"

    def later(self) -> "asyncio.Future[int]":
        return asyncio.get_running_loop().create_future()

    @staticmethod
    async def helper() -> str:
        return "static"

    @logged
    async def noisy(self) -> str:
        return "noisy"

    async def start(self) -> None:
        self._task = asyncio.ensure_future(self.run(4))      # safe
        loop_task = asyncio.ensure_future(self._loop())      # safe
        fut = self.later()
        same = asyncio.ensure_future(fut)                    # a Future
        also = asyncio.ensure_future(self.later())           # plain def
        st = asyncio.ensure_future(Worker.helper())          # via the class
        noisy = asyncio.ensure_future(self.noisy())          # decorated
        stored = asyncio.ensure_future(self._task)           # a Task
        fut.set_result(7)
        print(await self._task, await loop_task, await same)
        also.cancel()
        print(await st, await noisy, await stored)

    async def restart(self) -> None:
        self._done = asyncio.ensure_future(self.stop())      # subclass overrides


    async def stop(self) -> str:
        return "stopped"


class Special(Worker):
    def stop(self):                                          # not async
        fut = asyncio.get_running_loop().create_future()
        fut.set_result("special stop")
        return fut


async def main() -> None:
    w = Worker()
    await w.start()
    s = Special()
    await s.restart()
    print(await s._done)


asyncio.run(main())
