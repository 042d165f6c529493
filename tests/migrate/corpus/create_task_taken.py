# runnable
from asyncio import ensure_future, run, sleep


def create_task(label):
    # an unrelated helper that happens to be called create_task
    return f"ticket {label}"


async def work():
    await sleep(0)
    return create_task("w")


async def main():
    t = ensure_future(work())
    print(await t)


run(main())
