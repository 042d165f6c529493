# Futures made with no running loop, and on a loop that is not running.
# (A review program: python3's C _asyncio against looplab's.)
import asyncio

f = asyncio.Future()
print(type(f.get_loop()).__name__)
print(f.get_loop() is asyncio.get_event_loop())
asyncio.set_event_loop(None)
try:
    g = asyncio.Future()
    print("g", g.get_loop() is f.get_loop())
except Exception as e: print("E", type(e).__name__, e)
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
h = asyncio.Future()
print(h.get_loop() is loop)
async def c(): return 1
t = asyncio.Task(c())
print(t.get_loop() is loop, loop.run_until_complete(t))
