import asyncio

errors = []


def handler(loop, context):
    exc = context.get("exception")
    errors.append((context["message"], type(exc).__name__ if exc else None))


async def failing(n):
    await asyncio.sleep(0.1 * n)
    raise ValueError(f"task {n} failed")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    loop.call_soon(lambda: 1 / 0)
    tasks = [asyncio.create_task(failing(n)) for n in (1, 2)]
    await asyncio.sleep(0.5)
    print("tasks done:", [t.done() for t in tasks])
    print("retrieved:", [str(t.exception()) for t in tasks])
    loop.call_exception_handler({"message": "custom report"})
    await asyncio.sleep(0)
    for msg, exc in errors:
        print(f"{msg!s:.40} | {exc}")


asyncio.run(main())
