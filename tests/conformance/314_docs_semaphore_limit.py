import asyncio


async def fetch(sem, url, active, peak):
    async with sem:
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        print(f"fetching {url} (active={active[0]})")
        await asyncio.sleep(len(url) / 10)
        active[0] -= 1
        return f"<{url}:{len(url)}>"


async def main():
    sem = asyncio.Semaphore(2)
    active = [0]
    peak = [0]
    urls = ["a.org", "bb.com", "c.net", "dddd.io", "e.dev"]
    pages = await asyncio.gather(*(fetch(sem, u, active, peak) for u in urls))
    print(pages)
    print("peak concurrency:", peak[0])


asyncio.run(main())
