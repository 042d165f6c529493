import asyncio

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print("get_event_loop is loop:", asyncio.get_event_loop() is loop)
other = asyncio.new_event_loop()
print("new loop is current:", asyncio.get_event_loop() is other)
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    asyncio.set_event_loop(1)
except TypeError as e:
    print("TypeError:", e)
loop.close()
other.close()
