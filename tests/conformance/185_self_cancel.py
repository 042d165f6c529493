import asyncio


async def cancel_then_await():
    asyncio.current_task().cancel()
    print("requested my own cancellation")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cancelled at the next await")
        raise


async def cancel_then_return():
    asyncio.current_task().cancel("self")
    print("returning after cancelling myself")
    return "value"


async def main():
    for fn in [cancel_then_await, cancel_then_return]:
        t = asyncio.create_task(fn())
        try:
            print("result", await t)
        except asyncio.CancelledError as e:
            print(fn.__name__, "cancelled", t.cancelled(), e.args)


asyncio.run(main())
