import asyncio


async def faulty():
    await asyncio.sleep(0.1)
    raise ValueError("nobody looks at me")


async def main():
    task = asyncio.create_task(faulty())
    await asyncio.sleep(0.5)
    print("task done:", task.done())
    del task
    print("main exits without checking the task")


asyncio.run(main())
print("program continues")
