import asyncio


async def parse(text):
    await asyncio.sleep(0)
    return int(text)


async def main():
    try:
        await parse("x")
    except* ValueError as eg:
        print("wrapped:", type(eg).__name__, repr(eg.message), [type(e).__name__ for e in eg.exceptions])
    try:
        raise ExceptionGroup("batch", [ValueError("a"), TypeError("b"), ValueError("c")])
    except* ValueError as eg:
        print("values:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("types:", [str(e) for e in eg.exceptions])
    try:
        try:
            raise ExceptionGroup("outer", [KeyError("k"), ExceptionGroup("inner", [OSError("o")])])
        except* OSError as eg:
            print("os:", repr(eg))
    except ExceptionGroup as rest:
        print("rest:", repr(rest))


asyncio.run(main())
