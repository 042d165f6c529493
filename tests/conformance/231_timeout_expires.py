import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.2) as cm:
            print("inside:", repr(cm))
            await asyncio.sleep(1)
            print("not reached")
    except TimeoutError as e:
        print("TimeoutError; cause", repr(e.__cause__))
    print(f"time {loop.time():.2f}", "expired()", cm.expired(), repr(cm))


asyncio.run(main())
