import asyncio


class ServiceError(Exception):
    pass


async def parse(raw):
    await asyncio.sleep(0.01)
    return int(raw)


async def handle(raw):
    try:
        return await parse(raw)
    except ValueError as e:
        raise ServiceError(f"cannot handle {raw!r}") from e


async def main():
    results = await asyncio.gather(handle("12"), handle("x1"), return_exceptions=True)
    for r in results:
        if isinstance(r, Exception):
            print(type(r).__name__, r, "<- cause:", type(r.__cause__).__name__, r.__cause__)
            print("suppress_context:", r.__suppress_context__)
        else:
            print("ok", r)
    try:
        await handle("zz")
    except ServiceError as e:
        raise RuntimeError("request failed") from None


asyncio.run(main())
