import asyncio


async def sleeper():
    await asyncio.sleep(5)


async def main():
    e = asyncio.CancelledError("stop now")
    print(repr(e), str(e), e.args)
    print(isinstance(e, Exception), isinstance(e, BaseException))
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("reason: shutdown")
    try:
        await t
    except asyncio.CancelledError as exc:
        print("caught:", repr(exc), exc.args)
    t2 = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError as exc:
        print("no message:", repr(exc), exc.args)
    try:
        raise asyncio.CancelledError
    except Exception:
        print("not reached: CancelledError is not an Exception")
    except BaseException as exc:
        print("BaseException handler got", type(exc).__name__)


asyncio.run(main())
