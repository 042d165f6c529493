import asyncio


async def stubborn():
    while True:
        try:
            yield "tick"
        except GeneratorExit:
            print("caught GeneratorExit, yielding anyway")
            yield "again"


async def polite():
    try:
        yield 1
        yield 2
    finally:
        print("polite cleanup")


async def main():
    g = stubborn()
    print(await g.__anext__())
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    p = polite()
    print(await p.__anext__())
    await p.aclose()
    print(await p.aclose())
    try:
        await p.__anext__()
    except StopAsyncIteration:
        print("polite is finished")


asyncio.run(main())
