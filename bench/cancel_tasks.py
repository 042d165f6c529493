# 50,000 tasks cancelled while waiting: half wait on a future that never
# completes, half sleep for an hour inside wait_for; all are cancelled
# and gathered with return_exceptions.
import asyncio

N = 50000


async def wait_future(fut):
    try:
        await fut
    except asyncio.CancelledError:
        return "cancelled"
    return "finished"


async def wait_sleep():
    await asyncio.wait_for(asyncio.sleep(3600), timeout=7200)
    return "finished"


async def main():
    loop = asyncio.get_running_loop()
    never = loop.create_future()
    tasks = []
    for i in range(N):
        if i % 2 == 0:
            tasks.append(asyncio.create_task(wait_future(never)))
        else:
            tasks.append(asyncio.create_task(wait_sleep()))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    for t in tasks:
        t.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    caught = 0
    raised = 0
    for r in results:
        if r == "cancelled":
            caught += 1
        elif isinstance(r, asyncio.CancelledError):
            raised += 1
    cancelled = sum(1 for t in tasks if t.cancelled())
    print(f"cancel_tasks n={N} caught={caught} raised={raised} "
          f"cancelled={cancelled} "
          f"ok={caught == N // 2 and raised == N // 2 and cancelled == N // 2}")


asyncio.run(main())
