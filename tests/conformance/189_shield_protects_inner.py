import asyncio


async def important():
    await asyncio.sleep(0.3)
    print("important work finished")
    return "saved"


async def caller(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("caller cancelled, inner keeps running")
        raise


async def main():
    inner = asyncio.create_task(important())
    c = asyncio.create_task(caller(inner))
    await asyncio.sleep(0.1)
    c.cancel()
    await asyncio.gather(c, return_exceptions=True)
    print("caller cancelled", c.cancelled(), "inner done", inner.done())
    print("inner result", await inner)


asyncio.run(main())
