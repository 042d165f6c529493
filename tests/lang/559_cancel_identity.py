# Which CancelledError a task and its awaiter see, and their args.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio
seen = {}
async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        seen["inner"] = e
        raise
async def outer(t):
    try:
        await t
    except asyncio.CancelledError as e:
        seen["outer"] = e
        raise
def tblen(e):
    n = 0; tb = e.__traceback__
    while tb: n += 1; tb = tb.tb_next
    return n
async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    i.cancel("why")
    try: await o
    except asyncio.CancelledError as e: seen["main"] = e
    print(seen["inner"] is seen["outer"], seen["outer"] is seen["main"], [repr(seen[k]) for k in ("inner", "outer", "main")])
    print([tblen(seen[k]) for k in ("inner", "outer", "main")])
    try: i.result()
    except asyncio.CancelledError as e: print("i.result", repr(e), e is seen["inner"], repr(e.__context__))
    try: o.result()
    except asyncio.CancelledError as e: print("o.result", repr(e), e is seen["outer"], repr(e.__context__))
    # cancel outer while waiting on inner task -> inner gets cancelled with msg
    i2 = asyncio.create_task(inner()); o2 = asyncio.create_task(outer(i2))
    await asyncio.sleep(0)
    print(o2.cancel("from-outer"), i2.cancelling(), o2.cancelling())
    try: await o2
    except asyncio.CancelledError as e: print("o2", repr(e), repr(e.__context__), i2.cancelled(), seen["inner"].args)
asyncio.run(main())
