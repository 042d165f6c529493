import asyncio


async def download(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ConnectionResetError(f"{name}: connection reset") if False else OSError(f"{name}: reset")
        print(f"{name} downloaded")
    except asyncio.CancelledError:
        print(f"{name} cancelled, removing partial file")
        await asyncio.sleep(0.01)
        print(f"{name} partial file removed")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(download("a.zip", 0.1))
            tg.create_task(download("b.zip", 0.2, fail=True))
            tg.create_task(download("c.zip", 0.5))
            tg.create_task(download("d.zip", 0.6))
            print("all scheduled")
    except* OSError as eg:
        for e in eg.exceptions:
            print("failed:", e)
    print(f"done at {asyncio.get_running_loop().time():.2f}")


asyncio.run(main())
