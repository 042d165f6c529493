import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("awaiting a future nobody completes")
    try:
        await fut
    finally:
        print("this finally never runs")


asyncio.run(main())
