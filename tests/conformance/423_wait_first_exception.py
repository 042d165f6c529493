import asyncio


async def step(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} broke")
    return name


async def main():
    tasks = [
        asyncio.create_task(step("fetch", 0.1), name="fetch"),
        asyncio.create_task(step("parse", 0.2, fail=True), name="parse"),
        asyncio.create_task(step("store", 0.4), name="store"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    for t in sorted(done, key=lambda t: t.get_name()):
        exc = t.exception()
        print(" ", t.get_name(), "->", repr(exc) if exc else t.result())
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print(f"at {asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
