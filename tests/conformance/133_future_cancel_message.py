import asyncio


async def waiter(fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        print("waiter got CancelledError", e.args)
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    print("cancel ->", fut.cancel("stop now"))
    print("cancelled", fut.cancelled(), "done", fut.done())
    for attempt in range(2):
        try:
            fut.result()
        except asyncio.CancelledError as e:
            print("result() raised", e.args)
    try:
        fut.exception()
    except asyncio.CancelledError as e:
        print("exception() raised", e.args)
    try:
        await t
    except asyncio.CancelledError as e:
        print("task cancelled", t.cancelled(), e.args)


asyncio.run(main())
