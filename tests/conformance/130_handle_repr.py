import asyncio


def cb(x):
    print("cb", x)


loop = asyncio.new_event_loop()
h = loop.call_soon(cb, 1)
t = loop.call_later(0.5, cb, "two")
print(repr(h))
print(repr(t))
t.cancel()
print(repr(t))
loop.call_soon(loop.stop)
loop.run_forever()
h.cancel()
print(repr(h))
loop.close()
