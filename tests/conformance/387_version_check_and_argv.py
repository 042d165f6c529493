import asyncio
import sys


async def main():
    if sys.version_info >= (3, 11):
        print("TaskGroup available")
    print("major", sys.version_info.major, "minor", sys.version_info.minor)
    print("args:", sys.argv[1:])
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(asyncio.sleep(0.1, result="slept"))
    print(t.result())


asyncio.run(main())
