import asyncio

loop = asyncio.new_event_loop()


def bad(key):
    print("bad callback runs")
    return {}[key]


def good():
    print("good callback runs")
    loop.stop()


loop.call_later(0.1, bad, "missing")
loop.call_later(0.2, good)
loop.run_forever()
print("loop survived")
loop.close()
