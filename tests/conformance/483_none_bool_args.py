# Callbacks with None, True and False among their arguments (a sleep's
# timer, _set_result_unless_cancelled(fut, None)), next to ints, floats
# and futures, alternating at one position; timers cancelled, for the
# recorder's kept line shapes.
import asyncio


def seen(*args):
    print('seen', args[-1] if args and not isinstance(args[-1], asyncio.Future) else '-')


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    values = [None, True, False, 0, 1.5, fut, None, False, True]
    for v in values:
        loop.call_soon(seen, v)
        loop.call_soon(seen, 7, v, None)
        h = loop.call_later(0.5, seen, v, True)
        if v is False:
            h.cancel()
    await asyncio.sleep(0.1)
    await asyncio.sleep(1)
    t = asyncio.create_task(asyncio.sleep(5, result=None))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled')
    fut.set_result(None)


asyncio.run(main())
