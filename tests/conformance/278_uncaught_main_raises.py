import asyncio


async def main():
    await asyncio.sleep(0.1)
    print("about to fail")
    raise ValueError("main failed")


asyncio.run(main())
print("never printed")
