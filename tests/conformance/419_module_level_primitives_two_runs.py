import asyncio

queue = asyncio.Queue()
lock = asyncio.Lock()


async def producer(n):
    for i in range(n):
        await queue.put(i)


async def consumer(n):
    got = []
    for _ in range(n):
        async with lock:
            got.append(await queue.get())
    return got


async def session(n):
    c = asyncio.create_task(consumer(n))
    await asyncio.sleep(0)
    await producer(n)
    return await c


print("first run:", asyncio.run(session(3)))
try:
    print("second run:", asyncio.run(session(2)))
except RuntimeError as e:
    print("RuntimeError:", str(e).split(">")[-1].strip())
