import asyncio


class NotAsync:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False


class BadIter:
    async def __aiter__(self):
        return self


async def work():
    await asyncio.sleep(0.01)
    return "work"


async def main():
    checks = []

    async def await_int():
        return await 5

    async def async_with_sync_cm():
        async with NotAsync():
            pass

    async def async_for_list():
        async for x in [1, 2]:
            pass

    async def async_for_bad_aiter():
        async for x in BadIter():
            pass

    async def for_over_coroutine():
        c = work()
        try:
            for x in c:
                pass
        finally:
            c.close()

    for fn in (await_int, async_with_sync_cm, async_for_list, async_for_bad_aiter, for_over_coroutine):
        try:
            await fn()
        except TypeError as e:
            checks.append(f"{fn.__name__}: TypeError: {e}")
    c = work()
    print(await c)
    try:
        await c
    except RuntimeError as e:
        checks.append(f"reuse: RuntimeError: {e}")
    print("\n".join(checks))


asyncio.run(main())

# tracecmp: warnings (the lines of stderr that warnings write are compared)
