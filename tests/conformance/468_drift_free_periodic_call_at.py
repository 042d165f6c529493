import asyncio


class Periodic:
    def __init__(self, loop, interval, fn, count):
        self.loop = loop
        self.interval = interval
        self.fn = fn
        self.count = count
        self.start = loop.time()
        self.n = 0
        self.done = loop.create_future()
        self._schedule()

    def _schedule(self):
        self.n += 1
        self.handle = self.loop.call_at(self.start + self.n * self.interval, self._tick)

    def _tick(self):
        self.fn(self.n)
        if self.n < self.count:
            self._schedule()
        else:
            self.done.set_result(self.n)


async def busy(log):
    for i in range(4):
        await asyncio.sleep(0.17)
        log.append(f"busy {i}")


async def main():
    loop = asyncio.get_running_loop()
    log = []
    p = Periodic(loop, 0.25, lambda n: log.append(f"tick {n} at {loop.time():.2f}"), 4)
    await asyncio.gather(p.done, busy(log))
    print("\n".join(log))


asyncio.run(main())
