import asyncio


async def write_to_disk(data, log):
    await asyncio.sleep(0.5)
    log.append(f"wrote {data}")
    return len(data)


async def main():
    log = []
    task = asyncio.create_task(write_to_disk("payload", log))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.2)
    except TimeoutError:
        print("gave up waiting, but the write continues")
    print("task done?", task.done(), log)
    print("result:", await task, log)


asyncio.run(main())
