import asyncio


async def compute():
    await asyncio.sleep(0.2)
    return "task value"


loop = asyncio.new_event_loop()
task = loop.create_task(compute())
print("done before?", task.done())
print(loop.run_until_complete(task))
print("done after?", task.done(), task.result())
print("again:", loop.run_until_complete(task))
loop.close()
