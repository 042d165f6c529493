# runnable
import asyncio

results = []


async def record(tag):
    results.append(tag)


def schedule(tag):
    # runs from call_soon: a loop is running, but migrate cannot know that
    asyncio.ensure_future(record(tag))


class Scheduler:
    def __init__(self, loop):
        self.loop = loop

    def kick(self):
        self.loop.call_soon(lambda: asyncio.ensure_future(record("lambda")))

    async def kick_async(self):
        def nested():
            return asyncio.ensure_future(record("nested sync def"))
        nested()
        asyncio.ensure_future(record("async method"))


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(schedule, "call_soon")
    s = Scheduler(loop)
    s.kick()
    await s.kick_async()
    for _ in range(5):
        await asyncio.sleep(0)
    print(sorted(results))


asyncio.run(main())
