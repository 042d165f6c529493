import asyncio


async def slow():
    try:
        await asyncio.sleep(5)
        return "too late"
    finally:
        print("slow is cleaned up")


async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(slow(), timeout=0.2)
    except asyncio.TimeoutError as e:
        print("TimeoutError", repr(e), "cause", repr(e.__cause__))
    print(f"time {loop.time():.2f}")


asyncio.run(main())
