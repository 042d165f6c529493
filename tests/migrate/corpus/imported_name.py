# runnable
from asyncio import ensure_future, sleep, run


async def job(n: int) -> int:
    await sleep(0)
    return n * n


async def main() -> None:
    first = ensure_future(job(2))
    second = ensure_future(sleep(0, "nap"))
    print(await first, await second)


run(main())
