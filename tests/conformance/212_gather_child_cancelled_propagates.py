import asyncio


async def sleeper(d):
    await asyncio.sleep(d)
    return d


async def main():
    a = asyncio.create_task(sleeper(1))
    b = asyncio.create_task(sleeper(0.2))
    g = asyncio.gather(a, b)
    await asyncio.sleep(0.1)
    a.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError; g.cancelled() =", g.cancelled())
    print("b keeps running:", await b)


asyncio.run(main())
