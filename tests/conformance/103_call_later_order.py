import asyncio

loop = asyncio.new_event_loop()


def fire(label):
    print(f"{label} at {loop.time():.3f}")


loop.call_later(0.3, fire, "third")
loop.call_later(0.1, fire, "first")
loop.call_later(0.2, fire, "second")
loop.call_later(0.4, loop.stop)
print("start at", loop.time())
loop.run_forever()
print(f"stopped at {loop.time():.3f}")
loop.close()
