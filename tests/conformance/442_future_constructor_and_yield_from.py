import asyncio
import types


@types.coroutine
def wait_on(fut):
    print("waiting on a future via yield from")
    value = yield from fut
    return value


async def main():
    loop = asyncio.get_running_loop()
    fut = asyncio.Future()
    print(asyncio.isfuture(fut), fut.get_loop() is loop, fut.done())
    loop.call_later(0.2, fut.set_result, "hello")
    print(await wait_on(fut))
    t = asyncio.create_task(asyncio.sleep(0.1, "task value"))
    await asyncio.sleep(0.3)
    print("already done:", t.done(), await t, await t)
    print(asyncio.isfuture(t), asyncio.isfuture(main()), asyncio.isfuture(None))


asyncio.run(main())

# tracecmp: warnings (the lines of stderr that warnings write are compared)
