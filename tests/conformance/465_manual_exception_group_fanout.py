import asyncio


class CheckFailed(Exception):
    def __init__(self, name, detail):
        super().__init__(f"{name}: {detail}")
        self.name = name


async def check(name, delay, ok):
    await asyncio.sleep(delay)
    if not ok:
        raise CheckFailed(name, "unhealthy")
    return name


async def run_checks(specs):
    results = await asyncio.gather(*(check(*s) for s in specs), return_exceptions=True)
    errors = [r for r in results if isinstance(r, Exception)]
    if errors:
        raise ExceptionGroup(f"{len(errors)} of {len(specs)} checks failed", errors)
    return results


async def main():
    print(await run_checks([("db", 0.1, True), ("cache", 0.2, True)]))
    try:
        await run_checks([("db", 0.1, True), ("queue", 0.3, False), ("auth", 0.2, False)])
    except* CheckFailed as eg:
        print(eg.message)
        for e in eg.exceptions:
            print("  -", e.name, "|", e)


asyncio.run(main())
