import asyncio


async def op(d):
    await asyncio.sleep(d)
    return d


async def main():
    results = []
    try:
        async with asyncio.timeout(1):
            results.append(await asyncio.wait_for(op(0.2), timeout=0.5))
            try:
                await asyncio.wait_for(op(1), timeout=0.3)
            except TimeoutError:
                results.append("wait_for timeout")
            results.append(await asyncio.wait_for(op(5), timeout=3))
    except TimeoutError:
        results.append("outer timeout")
    print(results, f"{asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
