import asyncio


async def load(path):
    await asyncio.sleep(0.1)
    try:
        raise LookupError(f"no such key: {path}")
    except LookupError as e:
        e.add_note(f"while loading {path!r}")
        e.add_note("hint: check the config")
        raise


async def main():
    try:
        await load("db.url")
    except LookupError as e:
        print("notes:", e.__notes__)
    await load("cache.ttl")


asyncio.run(main())
