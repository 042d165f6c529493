import asyncio


async def main():
    await asyncio.sleep(0)
    print("exiting with status 4")
    raise SystemExit(4)


asyncio.run(main())
