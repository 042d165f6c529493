import asyncio
import sys


async def background():
    try:
        await asyncio.sleep(10)
    finally:
        print("background cancelled at shutdown")


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0.1)
    print("fatal config error, exiting")
    sys.exit(4)


try:
    asyncio.run(main())
finally:
    print("finally after asyncio.run")
