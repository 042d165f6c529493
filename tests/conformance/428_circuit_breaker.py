import asyncio


class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    def __init__(self, threshold, reset_after):
        self.threshold = threshold
        self.reset_after = reset_after
        self.failures = 0
        self.opened_at = None

    @property
    def state(self):
        if self.opened_at is None:
            return "closed"
        if asyncio.get_running_loop().time() - self.opened_at >= self.reset_after:
            return "half-open"
        return "open"

    async def call(self, fn, *args):
        if self.state == "open":
            raise CircuitOpen("circuit is open")
        try:
            result = await fn(*args)
        except Exception:
            self.failures += 1
            if self.failures >= self.threshold or self.state == "half-open":
                self.opened_at = asyncio.get_running_loop().time()
            raise
        self.failures = 0
        self.opened_at = None
        return result


async def backend(i):
    await asyncio.sleep(0.05)
    if 2 <= i <= 5:
        raise ConnectionAbortedError if False else TimeoutError(f"request {i} timed out")
    return f"ok {i}"


async def main():
    cb = CircuitBreaker(threshold=2, reset_after=0.5)
    for i in range(10):
        try:
            print(i, await cb.call(backend, i), cb.state)
        except (TimeoutError, CircuitOpen) as e:
            print(i, type(e).__name__, e, cb.state)
        await asyncio.sleep(0.1)


asyncio.run(main())
