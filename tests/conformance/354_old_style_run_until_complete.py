import asyncio


async def greet(name, delay):
    await asyncio.sleep(delay)
    print(f"hello {name}")
    return len(name)


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
try:
    t1 = loop.create_task(greet("world", 0.2))
    t2 = loop.create_task(greet("asyncio", 0.1))
    total = loop.run_until_complete(asyncio.gather(t1, t2))
    print("lengths:", total)
    print(loop.run_until_complete(greet("again", 0)))
    print(f"loop time {loop.time():.1f}")
finally:
    loop.close()
    asyncio.set_event_loop(None)
print("closed:", loop.is_closed())
