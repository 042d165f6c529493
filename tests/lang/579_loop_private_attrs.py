# The event loop's private attributes that looplab's C loop answers
# itself (loop_getattr): each of them, between calls that change them,
# and names of the same lengths that it must leave to the class.
import asyncio


def tick():
    pass


async def main():
    loop = asyncio.get_running_loop()
    print(len(loop._ready), len(loop._scheduled), loop._stopping,
          loop._closed, loop._timer_cancelled_count, loop._clock_resolution)
    loop.call_soon(tick)
    h = loop.call_later(10, tick)
    loop.call_later(20, tick)
    print(len(loop._ready), len(loop._scheduled),
          loop._timer_cancelled_count)
    h.cancel()
    print(len(loop._scheduled), loop._timer_cancelled_count)
    print(type(loop._ready).__name__, type(loop._scheduled).__name__)
    for name in ("_readz", "_schedulex", "_stoppinx", "_closex",
                 "_timer_cancelled_counx", "_clock_resolutioz", "_x"):
        try:
            getattr(loop, name)
        except AttributeError as e:
            print("AttributeError", e)
    print(loop._check_closed(), loop._task_factory)
    await asyncio.sleep(0)
    print(len(loop._ready))


asyncio.run(main())
