import asyncio


async def job(name, steps, stuck_at=None):
    for i in range(steps):
        if i == stuck_at:
            await asyncio.Event().wait()   # hangs forever
        await asyncio.sleep(0.1)
    return f"{name} completed {steps} steps"


async def watchdog(task, limit):
    await asyncio.sleep(limit)
    if not task.done():
        print(f"watchdog: {task.get_name()} stuck, cancelling")
        task.cancel("watchdog timeout")


async def main():
    jobs = [asyncio.create_task(job("a", 3), name="a"),
            asyncio.create_task(job("b", 5, stuck_at=2), name="b")]
    dogs = [asyncio.create_task(watchdog(t, 1.0)) for t in jobs]
    for t in jobs:
        try:
            print(await t)
        except asyncio.CancelledError as e:
            print(f"{t.get_name()} cancelled: {e.args}")
    await asyncio.gather(*dogs)


asyncio.run(main())
