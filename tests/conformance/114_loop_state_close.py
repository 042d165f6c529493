import asyncio

loop = asyncio.new_event_loop()
print(repr(loop))
print("running", loop.is_running(), "closed", loop.is_closed())


async def probe():
    print("inside: running", loop.is_running(), "closed", loop.is_closed())


loop.run_until_complete(probe())
loop.close()
print(repr(loop))
loop.close()
print("closing twice is fine; closed", loop.is_closed())
