# Nested awaits of coroutine calls (each freed by looplab as its await
# returns): a cancellation that lands three awaits deep and is swallowed
# by the middle one, a task's stack read while it waits in nested
# coroutines, and a pending task left at the end whose nested finally
# blocks run when asyncio.run cancels it.
import asyncio


async def leaf(tag, delay):
    try:
        await asyncio.sleep(delay)
        return f"{tag} slept"
    finally:
        print("leaf finally", tag)


async def middle(tag, delay):
    try:
        return await leaf(tag, delay)
    except asyncio.CancelledError:
        print("middle swallowed cancel", tag)
        return f"{tag} cancelled inside"


async def top(tag, delay):
    r = await middle(tag, delay)
    print("top got", r)
    r2 = await middle(tag + "'", 0)
    return r, r2


async def forever():
    try:
        await leaf("forever", 3600)
    finally:
        print("forever finally")


async def main():
    t = asyncio.create_task(top("a", 10))
    u = asyncio.create_task(top("b", 0.01))
    await asyncio.sleep(0.001)
    frames = t.get_stack()
    print([f.f_code.co_name for f in frames])
    print(t.cancel())
    print(await t)
    print(await u)
    asyncio.create_task(forever())
    await asyncio.sleep(0)
    print("main returns")


asyncio.run(main())
