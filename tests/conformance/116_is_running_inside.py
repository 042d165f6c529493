import asyncio

loop = asyncio.new_event_loop()


def cb():
    print("callback: running", loop.is_running())
    print("callback: running loop is loop", asyncio.get_running_loop() is loop)


async def main():
    print("coroutine: running", loop.is_running())
    print("coroutine: get_running_loop is loop", asyncio.get_running_loop() is loop)
    loop.call_soon(cb)
    await asyncio.sleep(0)


print("before: running", loop.is_running())
loop.run_until_complete(main())
print("after: running", loop.is_running())
loop.close()
