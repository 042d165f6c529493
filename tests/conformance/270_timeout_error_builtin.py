import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.1)
    except TimeoutError as e:
        print("builtin TimeoutError caught:", type(e).__name__, isinstance(e, OSError))
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)
    except asyncio.TimeoutError as e:
        print("asyncio.TimeoutError caught:", type(e) is TimeoutError)


asyncio.run(main())
