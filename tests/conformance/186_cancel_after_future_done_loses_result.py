import asyncio


async def waiter(fut):
    try:
        value = await fut
        print("got", value)
    except asyncio.CancelledError as e:
        print("cancelled instead; the result is lost; args", e.args)
        return "gave up"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    fut.set_result("the value")
    print("cancel ->", t.cancel("late"))
    print(await t)
    print("future still holds", fut.result())


asyncio.run(main())
