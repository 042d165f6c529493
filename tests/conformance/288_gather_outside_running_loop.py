import asyncio


async def job(n):
    await asyncio.sleep(n / 10)
    return n


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
g = asyncio.gather(job(2), job(1))
print("gather made tasks on the current loop:", g.get_loop() is loop)
print(loop.run_until_complete(g))
asyncio.set_event_loop(None)
loop.close()
