# Callbacks whose arguments are futures and tasks (the trace names them
# Future-N and Task-N), mixed with ints and floats, alternating at one
# position, from call_soon, call_later and done callbacks, and a future
# subclass, for the recorder's kept line shapes.
import asyncio


class MyFuture(asyncio.Future):
    pass


def seen(*args):
    print('seen', len(args))


async def work(n):
    await asyncio.sleep(0)
    return n


async def main():
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(3)]
    tasks = [asyncio.create_task(work(i)) for i in range(3)]
    mine = MyFuture()
    for i in range(3):
        loop.call_soon(seen, futs[i])
        loop.call_soon(seen, tasks[i])
        loop.call_soon(seen, futs[i], i, tasks[i])
        loop.call_soon(seen, tasks[i], 2.5, futs[i])
        loop.call_soon(seen, mine, i)
        loop.call_later(0.25 * (i + 1), seen, futs[i], tasks[i])
    await asyncio.sleep(1)
    for i, f in enumerate(futs):
        f.add_done_callback(seen)
        f.set_result(i)
    mine.set_result(None)
    print(await asyncio.gather(*tasks, *futs))
    await asyncio.sleep(0)


asyncio.run(main())
