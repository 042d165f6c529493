import asyncio


async def wait_ready(name, ready):
    print(f"{name} waiting")
    config = await ready
    print(f"{name} got config {config}")
    return len(config)


async def main():
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    waiters = [asyncio.create_task(wait_ready(f"w{i}", ready)) for i in range(3)]
    await asyncio.sleep(0.1)
    print("ready done?", ready.done())
    ready.set_result({"debug": False, "workers": 3})
    print(await asyncio.gather(*waiters))
    try:
        ready.set_result("again")
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)


asyncio.run(main())
