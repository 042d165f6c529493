import asyncio

loop = asyncio.new_event_loop()


async def main():
    print("main starts, stopping the loop")
    loop.stop()
    await asyncio.sleep(1)
    print("main finishes")
    return "late"


task = loop.create_task(main())
try:
    loop.run_until_complete(task)
except RuntimeError as e:
    print("RuntimeError:", e)
print("task done?", task.done())
print("resumed:", loop.run_until_complete(task))
loop.close()
