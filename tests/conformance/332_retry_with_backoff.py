import asyncio


class FlakyService:
    def __init__(self, failures):
        self.failures = failures
        self.calls = 0

    async def call(self):
        self.calls += 1
        await asyncio.sleep(0.01)
        if self.calls <= self.failures:
            raise ConnectionError(f"attempt {self.calls} failed")
        return f"ok after {self.calls} calls"


async def retry(fn, attempts=5, base=0.1):
    loop = asyncio.get_running_loop()
    for attempt in range(1, attempts + 1):
        try:
            return await fn()
        except ConnectionError as e:
            delay = base * 2 ** (attempt - 1)
            print(f"{e}; retrying in {delay:.1f}s (t={loop.time():.2f})")
            await asyncio.sleep(delay)
    raise RuntimeError(f"gave up after {attempts} attempts")


async def main():
    print(await retry(FlakyService(3).call))
    try:
        await retry(FlakyService(10).call, attempts=3)
    except RuntimeError as e:
        print("error:", e)


asyncio.run(main())
