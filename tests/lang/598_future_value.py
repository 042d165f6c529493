# A future's _result, _exception and cancellation error through each
# state (looplab keeps the three in one field, by state).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(f._state, f._result, f._exception)
    f.set_result(7)
    print(f._state, f._result, f._exception, f.result(), f.exception())

    g = loop.create_future()
    g.set_exception(ValueError("bad"))
    print(g._state, g._result, repr(g._exception), repr(g.exception()))
    try:
        g.result()
    except ValueError as e:
        print("raised", repr(e), e is g._exception)

    h = loop.create_future()
    h.cancel("why")
    print(h._state, h._result, h._exception, h._cancel_message)
    for _ in range(2):
        try:
            h.result()
        except asyncio.CancelledError as e:
            print("cancelled", e.args)

    seen = []

    async def victim():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            seen.append(e)
            raise

    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        print("task cancelled", e.args, e is seen[0])
    print(t._state, t._result, t._exception)
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("again", e.args, e is seen[0])

    async def fine():
        return "ok"

    u = asyncio.create_task(fine())
    print(await u, u._result, u._exception)

    async def boom():
        raise KeyError("k")

    v = asyncio.create_task(boom())
    try:
        await v
    except KeyError as e:
        print("boom", repr(e), v._result, repr(v._exception))

asyncio.run(main())
