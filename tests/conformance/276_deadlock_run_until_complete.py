import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_later(1.5, print, "last timer fires")
print("run_until_complete on a future nobody sets")
loop.run_until_complete(fut)
print("never printed")
