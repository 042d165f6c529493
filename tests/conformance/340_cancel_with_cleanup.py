import asyncio


class Resource:
    def __init__(self, name):
        self.name = name
        self.closed = False

    async def close(self):
        await asyncio.sleep(0.05)
        self.closed = True
        print(f"{self.name} closed")


async def use_resource(name, duration):
    res = Resource(name)
    try:
        print(f"{name} working for {duration}")
        await asyncio.sleep(duration)
        print(f"{name} finished")
        return name
    except asyncio.CancelledError as e:
        print(f"{name} cancelled with args {e.args}")
        raise
    finally:
        await res.close()


async def main():
    tasks = [asyncio.create_task(use_resource(f"r{i}", i * 0.2)) for i in range(1, 4)]
    await asyncio.sleep(0.3)
    for t in tasks:
        if not t.done():
            t.cancel(msg="shutting down")
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for t, r in zip(tasks, results):
        print(t.get_name(), type(r).__name__, r if isinstance(r, str) else "")


asyncio.run(main())
