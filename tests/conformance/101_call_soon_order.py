import asyncio


def cb(name, log):
    log.append(name)
    print("callback", name)


loop = asyncio.new_event_loop()
log = []
for n in ["a", "b", "c"]:
    loop.call_soon(cb, n, log)
loop.call_soon(loop.stop)
print("before run_forever")
loop.run_forever()
print("order:", log)
loop.close()
