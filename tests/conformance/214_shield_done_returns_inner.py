import asyncio


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result("already")
    print("shield(done) is done:", asyncio.shield(done) is done)
    pending = loop.create_future()
    s = asyncio.shield(pending)
    print("shield(pending) is a new future:", s is not pending, type(s).__name__)
    loop.call_soon(pending.set_result, "later")
    print(await s)


asyncio.run(main())
