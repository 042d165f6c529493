import asyncio


async def work():
    await asyncio.sleep(0.1)
    return "worked"


loop = asyncio.get_event_loop()
print(type(loop).__name__)
print("same again:", asyncio.get_event_loop() is loop)
print("running", loop.is_running(), "closed", loop.is_closed())
print(loop.run_until_complete(work()))
loop.close()
print("still current after close:", asyncio.get_event_loop() is loop)
print("closed", loop.is_closed())
