# A task's step finds another task current on its loop (enter_task's
# error), and a task whose coroutine changed the current task before its
# step ended (leave_task's error); then things as they should be again.
import asyncio
from asyncio import tasks


async def victim():
    print("victim ran", asyncio.current_task() is not None)
    return 1


async def swapper(other):
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    tasks._leave_task(loop, me)
    tasks._enter_task(loop, other)
    print("swapped", asyncio.current_task() is other)
    # Runs after this step fails to leave (before the step's next one).
    loop.call_soon(tasks._leave_task, loop, other)
    await asyncio.sleep(0)
    print("swapper resumed")


async def main():
    loop = asyncio.get_running_loop()
    fake = loop.create_future()

    def occupy():
        tasks._enter_task(loop, fake)
        print("occupied", len(tasks._current_tasks))

    def release():
        tasks._leave_task(loop, fake)
        print("released", len(tasks._current_tasks))

    loop.call_soon(occupy)
    t = asyncio.create_task(victim())
    loop.call_soon(release)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("victim done", t.done())

    other = loop.create_future()
    s = asyncio.create_task(swapper(other))
    await s
    print("s done", s.done(), asyncio.current_task() is not other)
    t2 = asyncio.create_task(victim())
    print("t2", await t2)


asyncio.run(main())
