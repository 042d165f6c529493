import asyncio


class SingleFlight:
    def __init__(self):
        self.inflight = {}
        self.loads = 0

    async def load(self, key):
        self.loads += 1
        await asyncio.sleep(0.2)
        return key.upper()

    async def get(self, key):
        fut = self.inflight.get(key)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self.inflight[key] = fut
            try:
                fut.set_result(await self.load(key))
            except Exception as e:
                fut.set_exception(e)
            finally:
                del self.inflight[key]
        return await fut


async def main():
    sf = SingleFlight()
    keys = ["a", "b", "a", "a", "b", "c"]
    print(await asyncio.gather(*(sf.get(k) for k in keys)))
    print("loads:", sf.loads, "inflight:", sf.inflight)


asyncio.run(main())
