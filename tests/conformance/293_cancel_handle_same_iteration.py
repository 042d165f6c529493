import asyncio

loop = asyncio.new_event_loop()
handles = {}


def first():
    print("first cancels third")
    handles["third"].cancel()


def third():
    print("third never runs")


loop.call_soon(first)
loop.call_soon(print, "second")
handles["third"] = loop.call_soon(third)
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
