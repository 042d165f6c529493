# Callbacks that reschedule each other forever have no backward jump to
# count: --max-steps counts the loop's iterations too, and the clean-up
# of asyncio.run still runs (one traceback, not one per clean-up step).
import asyncio


def ping(loop):
    loop.call_soon(ping, loop)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(ping, loop)
    await asyncio.sleep(3600)

asyncio.run(main())
