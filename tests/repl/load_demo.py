# Loaded by load.in with :load: defines a coroutine and schedules two
# tasks on the held loop (they do not run until the loop is driven).
import asyncio


async def ping(n):
    await asyncio.sleep(0.1 * n)
    print('ping', n)
    return n


print('load_demo.py loaded')
tasks = [asyncio.create_task(ping(i)) for i in (2, 1)]
