import asyncio


async def philosopher(i, forks, meals, log):
    left, right = forks[i], forks[(i + 1) % len(forks)]
    first, second = (left, right) if i % 2 == 0 else (right, left)
    for _ in range(meals):
        async with first:
            async with second:
                log.append(i)
                await asyncio.sleep(0.1)
        await asyncio.sleep(0.05)


async def main():
    n = 5
    forks = [asyncio.Lock() for _ in range(n)]
    log = []
    await asyncio.gather(*(philosopher(i, forks, 2, log) for i in range(n)))
    print("eating order:", log)
    print("meals:", {i: log.count(i) for i in range(n)})
    print(f"done at {asyncio.get_running_loop().time():.2f}")


asyncio.run(main())
