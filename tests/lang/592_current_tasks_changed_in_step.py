# asyncio.tasks._current_tasks changed by a task's own step: entries
# added and removed for other keys, its own entry replaced and deleted
# (enter_task / leave_task find what the step left, not what they put).
import asyncio


class Key:
    pass


async def other():
    await asyncio.sleep(0)
    return "other"


async def busy(n):
    d = asyncio.tasks._current_tasks
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    for i in range(n):
        keys = [Key() for _ in range(i + 3)]
        for k in keys:
            d[k] = me
        for k in keys[::2]:
            del d[k]
        print(i, d.get(loop) is me, len(d) - len(keys) // 2)
        for k in keys[1::2]:
            del d[k]
        await asyncio.sleep(0)
    return n


async def juggled(n):
    # Its own entry deleted and put back, or replaced and restored,
    # before each await: leave_task finds it where enter_task did not
    # leave it.
    d = asyncio.tasks._current_tasks
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    for i in range(n):
        if i % 2:
            del d[loop]
            d[Key()] = me
            d[loop] = me
        else:
            d[loop] = "someone else"
            print(i, d[loop])
            d[loop] = me
        await asyncio.sleep(0)
        print(i, asyncio.current_task() is me, list(d.values()).count(me))
    return -n


async def main():
    print(await asyncio.gather(busy(4), busy(2)))
    print(await asyncio.gather(juggled(4), busy(2), juggled(3)))
    print(await asyncio.gather(busy(3)))


asyncio.run(main())
