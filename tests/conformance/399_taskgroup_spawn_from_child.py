import asyncio


async def crawl(tg, url, depth, seen, graph):
    if url in seen or depth > 2:
        return
    seen.add(url)
    await asyncio.sleep(0.01 * len(url))
    links = graph.get(url, [])
    print(f"{'  ' * depth}{url} -> {links}")
    for link in links:
        tg.create_task(crawl(tg, link, depth + 1, seen, graph))


async def main():
    graph = {
        "index": ["about", "blog"],
        "about": ["team", "blog"],
        "blog": ["post1", "index"],
        "team": ["jobs"],
        "post1": [],
    }
    seen = set()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(crawl(tg, "index", 0, seen, graph))
    print("visited:", sorted(seen))


asyncio.run(main())
