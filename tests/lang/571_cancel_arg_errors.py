# cancel()'s argument errors, as the C Future and Task (Argument Clinic)
# word them; a failed cancel leaves the task running and uncancelled.
import asyncio


async def sleeper():
    await asyncio.sleep(10)


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(sleeper())
    for obj in (f, t):
        for args, kwargs in (((1, 2), {}), ((), {'msg': 'a', 'other': 1}),
                             ((), {'other': 1}), (('x',), {'msg': 'y'})):
            try:
                obj.cancel(*args, **kwargs)
            except TypeError as e:
                print(type(obj).__name__, 'TypeError:', e)
        print(obj.cancelled(), obj.done())
    print(asyncio.Future.cancel.__name__, asyncio.Task.cancel.__qualname__)
    print(t.cancel(), f.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled', t.cancelled())


asyncio.run(main())
