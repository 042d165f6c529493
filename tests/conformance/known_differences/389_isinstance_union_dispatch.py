import asyncio


async def handle(msg):
    await asyncio.sleep(0.01)
    if isinstance(msg, int | float):
        return f"number {msg}"
    if isinstance(msg, str | bytes):
        return f"text {msg!r}"
    if isinstance(msg, (list, tuple)):
        return f"batch of {len(msg)}"
    return f"unknown {type(msg).__name__}"


async def main():
    msgs = [1, 2.5, "hi", [1, 2], (3,), None]
    for r in await asyncio.gather(*(handle(m) for m in msgs)):
        print(r)


asyncio.run(main())
