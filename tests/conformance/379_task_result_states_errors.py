import asyncio


async def work():
    await asyncio.sleep(0.1)
    return 5


async def main():
    t = asyncio.create_task(work())
    for method in ("result", "exception"):
        try:
            getattr(t, method)()
        except asyncio.InvalidStateError as e:
            print(f"{method}() while pending: InvalidStateError({e})")
    await t
    print("result:", t.result(), "exception:", t.exception())
    c = asyncio.create_task(work())
    await asyncio.sleep(0)
    c.cancel("stop it")
    await asyncio.sleep(0)
    for method in ("result", "exception"):
        try:
            getattr(c, method)()
        except asyncio.CancelledError as e:
            print(f"{method}() when cancelled: CancelledError{e.args}")
    print(c.cancelled(), c.done(), c.cancel())


asyncio.run(main())
