import asyncio


async def job(n):
    await asyncio.sleep(0.01)
    return n


async def main():
    jobs = [job(1), job(2)]
    try:
        await asyncio.gather(jobs)          # forgot the star
    except TypeError as e:
        print("TypeError:", e)
    print(await asyncio.gather(*jobs))     # the same coroutines, unpacked
    try:
        await asyncio.sleep(None)
    except TypeError as e:
        print("TypeError:", e)
    try:
        await asyncio.wait([job(3)])
    except TypeError as e:
        print("TypeError:", e)


asyncio.run(main())

# tracecmp: warnings (the lines of stderr that warnings write are compared)
