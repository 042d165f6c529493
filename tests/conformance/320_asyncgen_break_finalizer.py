import asyncio


async def numbers(limit):
    try:
        for i in range(limit):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print("numbers: cleanup")


async def main():
    async for n in numbers(10):
        print("got", n)
        if n == 2:
            break
    print("after the loop")
    await asyncio.sleep(0.5)
    print("main done")


asyncio.run(main())
