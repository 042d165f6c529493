import asyncio


async def main():
    cm = asyncio.timeout(1)
    print(repr(cm))
    async with cm:
        await asyncio.sleep(0.1)
        print("finished in time")
    print("expired()", cm.expired(), repr(cm))
    async with asyncio.timeout(None) as forever:
        await asyncio.sleep(5)
        print("timeout(None):", repr(forever), forever.when())


asyncio.run(main())
