import asyncio

loop = asyncio.new_event_loop()


def first():
    print("first")
    loop.call_later(0, say, "later(0)")
    loop.call_soon(say, "soon")


def say(x):
    print("say", x)


loop.call_soon(first)
loop.call_later(0.01, loop.stop)
loop.run_forever()
loop.close()
