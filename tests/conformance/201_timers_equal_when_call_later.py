import asyncio

loop = asyncio.new_event_loop()


def fire(i):
    print("timer", i)


for i in range(8):
    loop.call_later(0.5, fire, i)
loop.call_later(0.5, loop.stop)
loop.run_forever()
loop.close()
