import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_later(0.5, fut.set_result, "ready")
print("result:", loop.run_until_complete(fut))
print(f"time {loop.time():.2f}")
print("done future again:", loop.run_until_complete(fut))
loop.close()
