import asyncio


async def producer():
    try:
        i = 0
        while True:
            yield i
            i += 1
            await asyncio.sleep(0.1)
    finally:
        print("producer finalised")


gens = []


async def main():
    g = producer()
    gens.append(g)
    print(await g.__anext__(), await g.__anext__())
    print("main returns with the generator suspended")


asyncio.run(main())
print("after run")
