import asyncio


async def job():
    await asyncio.sleep(0.1)
    raise ValueError("job failed")


async def main():
    t = asyncio.create_task(job())
    for fut in asyncio.as_completed([t]):
        try:
            print("result", await fut)
        except ValueError as e:
            print("error", e)
    it = asyncio.as_completed(t)
    print("as_completed(task) made", type(it).__name__, "without checking")
    try:
        next(it)
    except TypeError as e:
        print("TypeError on first next():", e)


asyncio.run(main())
