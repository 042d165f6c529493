# The wake-up a waiting task puts on a future (_asyncio's task_wakeup),
# and a Future made on a loop that is not asyncio's: its get_debug() is
# asked, as future_init asks it.
import asyncio


async def w(f):
    return await f


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    t = asyncio.create_task(w(f))
    await asyncio.sleep(0)
    cb = f._callbacks[0][0]
    print(type(cb).__name__, cb.__name__, cb.__qualname__, cb.__self__ is t)
    for args in ((), (1, 2)):
        try:
            cb(*args)
        except TypeError as e:
            print('TypeError', e)
    try:
        asyncio.Future(loop=object())
    except AttributeError as e:
        print('AttributeError', e)

    class FakeLoop:
        def get_debug(self):
            print('get_debug called')
            return False

    g = asyncio.Future(loop=FakeLoop())
    print(type(g.get_loop()).__name__, g.done())
    f.set_result(1)
    print(await t)


asyncio.run(main())
