import asyncio


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    f.set_exception(ValueError)
    print("class was instantiated:", repr(f.exception()))
    g = loop.create_future()
    try:
        g.set_exception(StopIteration())
    except TypeError as e:
        print("TypeError:", e)
    print("g still pending:", not g.done())
    g.cancel()


asyncio.run(main())
