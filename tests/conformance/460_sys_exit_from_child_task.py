import asyncio
import sys


async def health_check(failures):
    for i in range(5):
        await asyncio.sleep(0.1)
        if i == failures:
            print("health check failed, exiting with status 3")
            sys.exit(3)


async def other():
    try:
        await asyncio.sleep(10)
    finally:
        print("other task finalised")


async def main():
    asyncio.create_task(other())
    await asyncio.create_task(health_check(2))
    print("unreachable")


asyncio.run(main())
