import asyncio


async def compute(x):
    await asyncio.sleep(0.1)
    return {"input": x, "square": x * x}


async def main(n):
    results = await asyncio.gather(*(compute(i) for i in range(n)))
    return sorted(results, key=lambda d: -d["square"])


value = asyncio.run(main(4))
print(type(value).__name__, len(value))
for d in value:
    print(f"{d['input']} -> {d['square']}")
print(asyncio.run(compute(7)))
