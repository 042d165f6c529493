import asyncio


class Later:
    def __await__(self):
        return asyncio.sleep(0.1, "awaitable").__await__()


async def coro():
    return "coroutine"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "future")
    task = asyncio.create_task(coro())
    print(await asyncio.gather(fut, task, coro(), Later()))


asyncio.run(main())
