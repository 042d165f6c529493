import asyncio


async def lookup(table, key):
    await asyncio.sleep(0)
    return table[key]


async def main():
    table = {("a", 1): "x"}
    print(await lookup(table, ("a", 1)))
    await lookup(table, ("b", 2))


asyncio.run(main())
