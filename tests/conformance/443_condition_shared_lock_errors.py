import asyncio


async def main():
    lock = asyncio.Lock()
    cond = asyncio.Condition(lock)
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    state = []

    async def waiter(i):
        async with cond:
            await cond.wait()
            state.append(i)

    ws = [asyncio.create_task(waiter(i)) for i in range(4)]
    await asyncio.sleep(0)
    async with lock:
        cond.notify(2)
    await asyncio.sleep(0)
    print("after notify(2):", state)
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ws)
    print("after notify_all:", state)


asyncio.run(main())
