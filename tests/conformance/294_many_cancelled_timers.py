import asyncio

loop = asyncio.new_event_loop()
fired = []
handles = []
for i in range(120):
    handles.append(loop.call_later((i % 6) / 10 + 0.1, fired.append, i))
for i, h in enumerate(handles):
    if i % 3 != 0:
        h.cancel()
loop.call_later(1, loop.stop)
loop.run_forever()
print("fired", len(fired))
print(fired)
loop.close()
