import asyncio


async def accumulator():
    total = 0
    while True:
        try:
            value = yield total
        except ValueError as e:
            print("accumulator reset because", e)
            total = 0
            continue
        await asyncio.sleep(0.01)
        total += value


async def main():
    acc = accumulator()
    print(await acc.asend(None))
    for v in (5, 10, 20):
        print("total", await acc.asend(v))
    print("after throw", await acc.athrow(ValueError("too big")))
    print("total", await acc.asend(3))
    await acc.aclose()
    print(type(acc).__name__, acc.ag_running)


asyncio.run(main())
