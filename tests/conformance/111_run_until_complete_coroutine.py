import asyncio


async def compute(x):
    await asyncio.sleep(0.1)
    print("computing in", asyncio.current_task().get_name())
    return x * 2


loop = asyncio.new_event_loop()
result = loop.run_until_complete(compute(21))
print("result", result)
result = loop.run_until_complete(compute(5))
print("result", result)
loop.close()
