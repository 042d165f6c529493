import asyncio


class Service:
    def __init__(self, name):
        self.name = name
        self.stop = asyncio.Event()
        self.handled = 0

    async def run(self, requests):
        while not self.stop.is_set():
            get = asyncio.create_task(requests.get())
            stopper = asyncio.create_task(self.stop.wait())
            done, pending = await asyncio.wait({get, stopper}, return_when=asyncio.FIRST_COMPLETED)
            for p in pending:
                p.cancel()
            if get in done:
                req = get.result()
                await asyncio.sleep(0.05)
                self.handled += 1
                print(f"{self.name} handled {req}")
        print(f"{self.name} stopping after {self.handled} requests")


async def main():
    requests = asyncio.Queue()
    svc = Service("svc")
    runner = asyncio.create_task(svc.run(requests))
    for i in range(3):
        await requests.put(f"req{i}")
        await asyncio.sleep(0.1)
    svc.stop.set()
    await runner
    print("left in queue:", requests.qsize())


asyncio.run(main())
