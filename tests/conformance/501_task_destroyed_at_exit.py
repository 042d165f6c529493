# A task left pending on a closed loop and kept in a global: destroyed at
# exit, it logs "Task was destroyed but it is pending!" with its
# coroutine still suspended where it waited.
import asyncio
async def forever():
    await asyncio.sleep(100)
loop = asyncio.new_event_loop()
t = loop.create_task(forever())
loop.run_until_complete(asyncio.sleep(0))
loop.close()
print("done")
