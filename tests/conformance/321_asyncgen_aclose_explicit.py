import asyncio


async def stream(name):
    print(f"{name}: open")
    try:
        n = 0
        while True:
            await asyncio.sleep(0.1)
            n += 1
            yield f"{name}-{n}"
    except GeneratorExit:
        print(f"{name}: GeneratorExit")
        raise
    finally:
        await asyncio.sleep(0.05)
        print(f"{name}: closed after {n} items")


async def main():
    agen = stream("s")
    print(await agen.__anext__())
    print(await anext(agen))
    await agen.aclose()
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("exhausted after aclose")
    print("second aclose is a no-op:", await agen.aclose())


asyncio.run(main())
