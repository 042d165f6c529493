import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    return name


async def main():
    tasks = [asyncio.create_task(job("only", 0.2))]
    for fut in asyncio.as_completed(tasks):
        print("got a", type(fut).__name__, "object; awaiting it")
        print("completed", await fut)
    print("the task itself:", tasks[0].result())


asyncio.run(main())
