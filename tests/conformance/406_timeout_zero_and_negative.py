import asyncio


async def main():
    for delay in (0, -1):
        try:
            async with asyncio.timeout(delay):
                print(f"body with timeout({delay}) starts")
                await asyncio.sleep(0)
                print("not reached")
        except TimeoutError:
            print(f"timeout({delay}) expired at first await")
    async with asyncio.timeout(0):
        print("no await inside: no timeout")
    try:
        async with asyncio.timeout(0):
            pass
        print("still fine")
        async with asyncio.timeout(None) as cm:
            cm.reschedule(asyncio.get_running_loop().time() - 1)
            await asyncio.sleep(1)
    except TimeoutError:
        print("rescheduled into the past")


asyncio.run(main())
