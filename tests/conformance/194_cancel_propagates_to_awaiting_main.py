import asyncio


async def main():
    me = asyncio.current_task()
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, me.cancel)
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("main got cancelled by a timer callback")
        raise


try:
    asyncio.run(main())
except asyncio.CancelledError:
    print("asyncio.run raised CancelledError")
