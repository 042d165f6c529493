import asyncio


class RateLimiter:
    """Allow at most `rate` acquisitions per `period` seconds."""

    def __init__(self, rate, period):
        self.rate = rate
        self.period = period
        self.stamps = []

    async def acquire(self):
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            self.stamps = [s for s in self.stamps if now - s < self.period]
            if len(self.stamps) < self.rate:
                self.stamps.append(now)
                return now
            await asyncio.sleep(self.stamps[0] + self.period - now)


async def request(limiter, i):
    t = await limiter.acquire()
    print(f"request {i} at {t:.2f}")
    return i


async def main():
    limiter = RateLimiter(rate=3, period=1.0)
    done = await asyncio.gather(*(request(limiter, i) for i in range(8)))
    print("done:", done)


asyncio.run(main())
