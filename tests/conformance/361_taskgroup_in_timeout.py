import asyncio


async def crawl(url, delay):
    try:
        await asyncio.sleep(delay)
        print("crawled", url)
        return url
    except asyncio.CancelledError:
        print("abandoned", url)
        raise


async def main():
    results = []
    try:
        async with asyncio.timeout(0.35):
            async with asyncio.TaskGroup() as tg:
                for i, d in enumerate([0.1, 0.3, 0.5, 0.9]):
                    t = tg.create_task(crawl(f"/page{i}", d))
                    t.add_done_callback(
                        lambda t: results.append(t.result()) if not t.cancelled() else None)
    except TimeoutError:
        print("crawl timed out")
    print("results:", results)
    print("cancelling:", asyncio.current_task().cancelling())


asyncio.run(main())
