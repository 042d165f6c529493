import asyncio


def report(task):
    print("callback for", task.get_name(), "->", task.result())


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    ok = asyncio.create_task(job(0.1), name="ok")
    doomed = asyncio.create_task(job(1), name="doomed")
    for t in (ok, doomed):
        t.add_done_callback(report)
    await asyncio.sleep(0.2)
    doomed.cancel()
    await asyncio.sleep(0.1)
    print("main continues; doomed cancelled:", doomed.cancelled())


asyncio.run(main())
