import asyncio


async def inner():
    return "inner"


async def main():
    try:
        asyncio.run(inner())
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(await inner())


asyncio.run(main())

# tracecmp: warnings (the lines of stderr that warnings write are compared)
