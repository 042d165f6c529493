import asyncio


async def stubborn():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("stubborn swallows the cancel")
        return "partial result"


async def main():
    result = await asyncio.wait_for(stubborn(), timeout=0.1)
    print("wait_for returned", result)


asyncio.run(main())
