import asyncio


async def main():
    task = asyncio.current_task()
    asyncio.get_running_loop().call_later(0.5, task.cancel)
    try:
        await asyncio.sleep(1)
    finally:
        print("main cancelled from a callback")


asyncio.run(main())
