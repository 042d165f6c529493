import asyncio


async def fail_value(n):
    await asyncio.sleep(n / 10)
    raise ValueError(f"bad value {n}")


async def fail_type(n):
    await asyncio.sleep(n / 10)
    raise TypeError(f"bad type {n}")


async def ok(n):
    await asyncio.sleep(n)
    return n


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_value(1))
            tg.create_task(fail_type(1))
            slow = tg.create_task(ok(5))
    except* ValueError as eg:
        print("ValueErrors:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("TypeErrors:", [str(e) for e in eg.exceptions])
    print("slow cancelled:", slow.cancelled())


asyncio.run(main())
