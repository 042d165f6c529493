import asyncio

loop = asyncio.new_event_loop()


def fire(i):
    print(f"timer {i} at {loop.time():.1f}")


for i in range(5, 0, -1):
    loop.call_later(i / 10, fire, i)
loop.call_later(1, loop.stop)
loop.run_forever()
loop.close()
