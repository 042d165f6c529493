import asyncio


async def download(chunks, progress):
    for i in range(chunks):
        await asyncio.sleep(0.4)
        progress.append(i)


async def main():
    loop = asyncio.get_running_loop()
    progress = []
    task = asyncio.create_task(download(5, progress))
    try:
        async with asyncio.timeout(1.0) as cm:
            while not task.done():
                await asyncio.sleep(0.3)
                if progress and cm.when() - loop.time() < 0.5:
                    cm.reschedule(loop.time() + 1.0)
                    print(f"progress {progress}: extended deadline to {cm.when():.1f}")
            await task
    except TimeoutError:
        print("gave up")
    print(f"finished at {loop.time():.1f}, expired={cm.expired()}")


asyncio.run(main())
