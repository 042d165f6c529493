# 100,000 tasks pending at once, all waiting on one Event: for the
# peak-memory comparison (run.sh reads the peak RSS). Measures nothing
# itself; sets the event and lets every task finish.
import asyncio

N = 100000


async def waiter(ev, i):
    await ev.wait()
    return i


async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, i)) for i in range(N)]
    await asyncio.sleep(0)
    ev.set()
    total = 0
    for t in tasks:
        total += await t
    print(f"pending_tasks n={N} total={total} ok={total == N * (N - 1) // 2}")


asyncio.run(main())
