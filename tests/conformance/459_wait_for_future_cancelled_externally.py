import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.1, fut.cancel)
    try:
        await asyncio.wait_for(fut, timeout=1)
    except asyncio.CancelledError:
        print("wait_for raised CancelledError; the caller was not cancelled:",
              asyncio.current_task().cancelling())
    fut2 = loop.create_future()
    loop.call_later(0.1, fut2.set_exception, LookupError("missing"))
    try:
        await asyncio.wait_for(fut2, timeout=1)
    except LookupError as e:
        print("wait_for passed on", repr(e))
    print(f"t={loop.time():.1f}")


asyncio.run(main())
