import asyncio


async def fetch_part(source, part):
    await asyncio.sleep(len(source) * 0.01 + part * 0.05)
    return {"source": source, "part": part, "size": len(source) * (part + 1)}


async def fetch_source(source):
    parts = await asyncio.gather(*(fetch_part(source, p) for p in range(3)))
    total = sum(p["size"] for p in parts)
    print(f"{source:>8}: {total}")
    return source, total


async def main():
    sources = ["alpha", "be", "gamma-ray", "delta"]
    results = dict(await asyncio.gather(*(fetch_source(s) for s in sources)))
    ranking = sorted(results.items(), key=lambda kv: (-kv[1], kv[0]))
    for rank, (name, total) in enumerate(ranking, 1):
        print(f"{rank}. {name} {total}")


asyncio.run(main())
