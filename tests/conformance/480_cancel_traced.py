# The trace's "cancel <id> -> R" line: once per outermost cancel(), for
# futures and tasks, subclasses that override cancel and call super(),
# done futures, a second cancel, messages, a cancel inside a cancel
# (argument errors: tests/lang/571; the oracle words them otherwise).
import asyncio


class MyFuture(asyncio.Future):
    def cancel(self, msg=None):
        print('MyFuture.cancel', msg)
        return super().cancel(msg=msg)


class MyTask(asyncio.Task):
    def cancel(self, msg=None):
        print('MyTask.cancel', msg)
        r = super().cancel(msg)
        print('super said', r)
        return r


class Chained(asyncio.Future):
    def cancel(self, msg=None):
        other.cancel()
        return super().cancel(msg)


async def sleeper(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(tag, 'cancelled', e.args)
        raise


async def main():
    global other
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(f.cancel(), f.cancel())
    g = loop.create_future()
    g.set_result(1)
    print(g.cancel())
    m = MyFuture()
    print(m.cancel('why'))
    other = loop.create_future()
    ch = Chained()
    print(ch.cancel(), other.cancelled())
    t = asyncio.create_task(sleeper('t'))
    await asyncio.sleep(0)
    print(t.cancel('stop'), t.cancel())
    try:
        await t
    except asyncio.CancelledError:
        print('t done', t.cancelled())
    print(t.cancel())
    u = MyTask(sleeper('u'))
    await asyncio.sleep(0)
    print(u.cancel('mine'))
    try:
        await u
    except asyncio.CancelledError:
        print('u done')
    v = asyncio.create_task(sleeper('v'))
    print(v.cancel(msg=None))
    try:
        await v
    except asyncio.CancelledError:
        print('v done')
    w = asyncio.ensure_future(f)
    print(w is f, w.cancel())
    x = loop.create_future()
    waiter = asyncio.ensure_future(asyncio.wait_for(x, 5))
    await asyncio.sleep(0)
    print(x.cancel())
    try:
        await waiter
    except asyncio.CancelledError:
        print('waiter cancelled')


asyncio.run(main())
