import asyncio


async def long_running_task():
    await asyncio.sleep(5)
    return "finished"


async def main():
    loop = asyncio.get_running_loop()
    try:
        # We do not know the timeout when starting, so we pass ``None``.
        async with asyncio.timeout(None) as cm:
            # We know the timeout now, so we reschedule it.
            new_deadline = loop.time() + 2
            cm.reschedule(new_deadline)
            print("deadline set to", cm.when())

            await long_running_task()
    except TimeoutError:
        pass

    if cm.expired():
        print("Looks like we haven't finished on time.")
    print(f"time {loop.time():.1f}")


asyncio.run(main())
