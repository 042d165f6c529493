import asyncio


async def left(a, b):
    print("left waits for b")
    await b.wait()
    a.set()


async def right(a, b):
    print("right waits for a")
    await a.wait()
    b.set()


async def main():
    a, b = asyncio.Event(), asyncio.Event()
    try:
        await asyncio.gather(left(a, b), right(a, b))
    finally:
        print("never printed: a deadlock stops the program")


asyncio.run(main())
