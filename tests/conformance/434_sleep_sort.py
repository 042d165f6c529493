import asyncio


async def sleep_and_append(value, out):
    await asyncio.sleep(value / 100)
    out.append(value)


async def sleep_sort(values):
    out = []
    await asyncio.gather(*(sleep_and_append(v, out) for v in values))
    return out


async def main():
    data = [23, 5, 42, 17, 8, 31, 1]
    result = await sleep_sort(data)
    print(result)
    print("matches sorted():", result == sorted(data))
    print(f"took {asyncio.get_running_loop().time():.2f}s")


asyncio.run(main())
