import asyncio


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
    return what.upper()


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(
            say_after(1, 'hello'))

        task2 = tg.create_task(
            say_after(2, 'world'))

        print(f"started at {loop.time():.1f}")

    # The await is implicit when the context manager exits.

    print(f"finished at {loop.time():.1f}")
    print(f"Both tasks have completed now: {task1.result()}, {task2.result()}")


asyncio.run(main())
