import asyncio

loop = asyncio.new_event_loop()


def fire(d):
    print(f"timer {d} fired at {loop.time():.2f}")


start = loop.time()
handles = []
for d in [0.5, 0.25, 0.75]:
    handles.append(loop.call_at(start + d, fire, d))
print("whens:", [h.when() for h in handles])
loop.call_at(start + 1.0, loop.stop)
loop.run_forever()
loop.close()
