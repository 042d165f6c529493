import asyncio


async def work():
    await asyncio.sleep(0.1)
    return "on my loop"


loop = asyncio.new_event_loop()
t = asyncio.ensure_future(work(), loop=loop)
print("bound to loop:", t.get_loop() is loop, t.get_name())
print(loop.run_until_complete(t))
fut = loop.create_future()
other = asyncio.new_event_loop()
try:
    asyncio.ensure_future(fut, loop=other)
except ValueError as e:
    print("ValueError:", e)
fut.cancel()
other.close()
loop.close()
