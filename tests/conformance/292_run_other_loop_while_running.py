import asyncio

second = asyncio.new_event_loop()


async def nothing():
    return 0


async def main():
    coro = nothing()
    try:
        second.run_until_complete(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
    coro.close()


first = asyncio.new_event_loop()
first.run_until_complete(main())
first.close()
second.close()
