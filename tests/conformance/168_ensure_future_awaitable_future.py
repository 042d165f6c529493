import asyncio


class Box:
    def __init__(self, fut):
        self.fut = fut

    def __await__(self):
        return self.fut.__await__()


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.ensure_future(Box(fut))
    print("wrapped:", t is not fut, t.get_name())
    await asyncio.sleep(0)
    print("task waiting, done?", t.done())
    fut.set_result("boxed")
    print(await t)


asyncio.run(main())
