import asyncio


class ParseError(Exception):
    pass


async def records(lines):
    for n, line in enumerate(lines, 1):
        await asyncio.sleep(0.01)
        if "=" not in line:
            raise ParseError(f"line {n}: {line!r} has no '='")
        key, _, value = line.partition("=")
        yield key.strip(), value.strip()


async def main():
    config = {}
    try:
        async for key, value in records(["a = 1", "b=two", "broken", "c=3"]):
            config[key] = value
    except ParseError as e:
        print("parse error:", e)
    print(config)


asyncio.run(main())
