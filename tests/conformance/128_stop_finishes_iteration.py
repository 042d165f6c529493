import asyncio

loop = asyncio.new_event_loop()


def say(x):
    print("say", x)
    if x == "b":
        loop.call_soon(say, "c")


loop.call_soon(say, "a")
loop.call_soon(loop.stop)
loop.call_soon(say, "b")
loop.run_forever()
print("stopped; c is still queued")
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
