import asyncio


async def ok():
    await asyncio.sleep(0.1)
    return "fine"


async def bad():
    await asyncio.sleep(0.1)
    raise LookupError("nothing here")


async def main():
    t1 = asyncio.create_task(ok())
    t2 = asyncio.create_task(bad())
    try:
        t1.result()
    except asyncio.InvalidStateError as e:
        print("pending result():", e)
    try:
        t1.exception()
    except asyncio.InvalidStateError as e:
        print("pending exception():", e)
    await asyncio.sleep(0.2)
    print("t1 done", t1.done(), "result", t1.result(), "exception", t1.exception())
    print("t2 done", t2.done(), "exception", repr(t2.exception()))
    try:
        t2.result()
    except LookupError as e:
        print("t2 result() raised", repr(e))


asyncio.run(main())
