# At exit a pending task kept in a global logs its destruction, then its
# coroutine is closed (its finally runs); the cancelled timer of the
# sleep it was in is garbage too, and the trace does not tell it.
import asyncio, sys
async def forever():
    try:
        await asyncio.sleep(100)
    finally:
        sys.stderr.write("closed\n")
loop = asyncio.new_event_loop()
t = loop.create_task(forever())
loop.run_until_complete(asyncio.sleep(0))
loop.close()
print("done")
