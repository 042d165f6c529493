import asyncio


async def main():
    for thing in [1, "str", [1, 2], None]:
        try:
            asyncio.ensure_future(thing)
        except TypeError as e:
            print(type(thing).__name__, "->", e)
    print("no task was created:", sorted(t.get_name() for t in asyncio.all_tasks()))


asyncio.run(main())
