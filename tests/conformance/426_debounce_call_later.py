import asyncio


class Debouncer:
    def __init__(self, delay, action):
        self.delay = delay
        self.action = action
        self.handle = None
        self.pending = []

    def trigger(self, value):
        loop = asyncio.get_running_loop()
        self.pending.append(value)
        if self.handle is not None:
            self.handle.cancel()
        self.handle = loop.call_later(self.delay, self.fire)

    def fire(self):
        self.handle = None
        batch, self.pending = self.pending, []
        self.action(batch)


async def main():
    loop = asyncio.get_running_loop()
    d = Debouncer(0.3, lambda batch: print(f"save {batch} at {loop.time():.1f}"))
    for ch, gap in [("h", 0.1), ("e", 0.1), ("l", 0.5), ("l", 0.1), ("o", 0.1)]:
        d.trigger(ch)
        await asyncio.sleep(gap)
    await asyncio.sleep(1)


asyncio.run(main())
