import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.2, print, "b1 at 0.2")
    loop.call_later(0.1, print, "a1 at 0.1")
    loop.call_later(0.2, print, "b2 at 0.2")
    loop.call_later(0.1, print, "a2 at 0.1")
    loop.call_soon(print, "soon")
    await asyncio.sleep(0.2)
    print("main wakes at 0.2 after the timers scheduled before its sleep")


asyncio.run(main())
