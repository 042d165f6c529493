import asyncio
import types


@types.coroutine
def bad_sleep():
    value = yield 42
    return value


async def uses_bad():
    print("about to yield a non-future")
    return await bad_sleep()


async def main():
    t = asyncio.create_task(uses_bad())
    try:
        await t
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
