# runnable
from asyncio import Future, ensure_future, get_running_loop, run


async def compute(x):
    return x + 1


async def main():
    fut: Future = get_running_loop().create_future()
    task = ensure_future(compute(41))    # a coroutine: rewritten
    same = ensure_future(fut)            # a Future: must stay ensure_future
    fut.set_result("ready")
    print(await task, await same, same is fut)


run(main())
