import asyncio

loop = asyncio.new_event_loop()


def say(x):
    print("say", x)
    if x == "a":
        loop.call_soon(say, "c")


loop.call_soon(say, "a")
loop.stop()
loop.call_soon(say, "b")
loop.run_forever()
print("one iteration done")
loop.call_soon(loop.stop)
loop.run_forever()
print("second run done")
loop.close()
