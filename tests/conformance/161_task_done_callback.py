import asyncio


def report(task):
    print("callback:", task.get_name(), "result", task.result())


async def work():
    await asyncio.sleep(0.1)
    return "w"


async def main():
    t = asyncio.create_task(work(), name="worker")
    t.add_done_callback(report)
    await t
    print("main after await")
    await asyncio.sleep(0)
    print("main end")


asyncio.run(main())
