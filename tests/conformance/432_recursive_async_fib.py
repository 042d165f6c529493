import asyncio

calls = 0


async def fib(n):
    global calls
    calls += 1
    if n < 2:
        return n
    if n % 5 == 0:
        await asyncio.sleep(0)
    a = await fib(n - 1)
    b = await fib(n - 2)
    return a + b


async def fib_tasks(n):
    if n < 2:
        return n
    left = asyncio.create_task(fib_tasks(n - 1))
    right = asyncio.create_task(fib_tasks(n - 2))
    return await left + await right


async def main():
    print("fib(15) =", await fib(15), "calls:", calls)
    print("fib_tasks(8) =", await fib_tasks(8))
    print("tasks alive:", len(asyncio.all_tasks()))


asyncio.run(main())
