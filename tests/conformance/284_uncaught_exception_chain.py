import asyncio


async def parse(text):
    await asyncio.sleep(0)
    return int(text)


async def main():
    try:
        await parse("abc")
    except ValueError as e:
        raise RuntimeError("could not load config") from e


asyncio.run(main())
