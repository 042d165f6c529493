import asyncio


async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 20
    try:
        async with asyncio.timeout_at(deadline):
            await asyncio.sleep(25)
    except TimeoutError:
        print("The long operation timed out, but we've handled it.")

    print("This statement will run regardless.")
    print(f"deadline {deadline:.1f} now {loop.time():.1f}")


asyncio.run(main())
