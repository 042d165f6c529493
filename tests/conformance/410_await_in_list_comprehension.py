import asyncio


async def fetch(url):
    await asyncio.sleep(0.1)
    print("fetched", url)
    return len(url)


async def main():
    urls = ["alpha", "be", "gamma"]
    # sequential: each await finishes before the next one starts
    sizes = [await fetch(u) for u in urls]
    print("sizes:", sizes)
    print(f"took {asyncio.get_running_loop().time():.1f}s")


asyncio.run(main())
