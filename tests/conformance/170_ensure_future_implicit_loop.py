import asyncio


async def work():
    await asyncio.sleep(0.1)
    return "implicit"


t = asyncio.ensure_future(work())
print("task created without a running loop:", t.get_name())
loop = asyncio.get_event_loop()
print("same loop:", t.get_loop() is loop)
print("running?", loop.is_running())
print(loop.run_until_complete(t))
loop.close()
