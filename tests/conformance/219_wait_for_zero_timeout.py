import asyncio


async def work():
    print("work never gets to run")
    return 1


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result("done already")
    print(await asyncio.wait_for(done, 0))
    try:
        await asyncio.wait_for(work(), 0)
    except TimeoutError:
        print("timeout 0 on a coroutine -> TimeoutError")


asyncio.run(main())
