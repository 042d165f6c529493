# runnable
from asyncio import (
    ensure_future as spawn,  # the old name, aliased
    sleep,
    run,
)


async def worker(tag):
    await sleep(0)
    return f"<{tag}>"


async def main():
    jobs = [spawn(worker(t)) for t in "xyz"]
    out = []
    for job in jobs:
        out.append(await job)
    print("".join(out))


run(main())
