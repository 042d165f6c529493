import asyncio


async def long_job(name, log):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
        raise


async def main():
    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            for n in ("x", "y"):
                tg.create_task(long_job(n, log))
            await asyncio.sleep(0.1)
            raise LookupError("body failed")
    except* LookupError as eg:
        print("caught", [str(e) for e in eg.exceptions])
    print(log)


asyncio.run(main())
