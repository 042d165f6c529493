import asyncio


async def main():
    return "first"


async def work():
    return "never"


print(asyncio.run(main()))
coro = work()
try:
    asyncio.ensure_future(coro)
except RuntimeError as e:
    print("ensure_future:", e)
coro.close()
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("get_event_loop:", e)
try:
    asyncio.gather()
except RuntimeError as e:
    print("gather():", e)
