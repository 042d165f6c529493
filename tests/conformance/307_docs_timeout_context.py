import asyncio


async def long_running_task():
    try:
        await asyncio.sleep(3600)
    finally:
        print("long_running_task cleans up")


async def main():
    try:
        async with asyncio.timeout(10):
            await long_running_task()
    except TimeoutError:
        print("The long operation timed out, but we've handled it.")

    print("This statement will run regardless.")
    print(f"now {asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
