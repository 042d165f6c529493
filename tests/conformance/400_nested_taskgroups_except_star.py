import asyncio


async def task(kind, delay):
    await asyncio.sleep(delay)
    if kind is not None:
        raise kind(f"{kind.__name__}@{delay}")
    return delay


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(task(KeyError, 0.1))
        tg.create_task(task(None, 0.5))


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
            tg.create_task(task(ValueError, 0.2))
            tg.create_task(task(None, 1.0))
    except* KeyError as eg:
        print("KeyError group:", repr(eg))
    except* ValueError as eg:
        print("ValueError group:", repr(eg))
    print(f"t={asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
