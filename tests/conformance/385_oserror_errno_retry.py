import asyncio

ECONNREFUSED = 111


async def connect(host, attempt):
    await asyncio.sleep(0.05)
    if attempt < 2:
        raise OSError(ECONNREFUSED, "Connection refused")
    return f"connected to {host}"


async def main():
    for attempt in range(3):
        try:
            print(await connect("db", attempt))
            break
        except OSError as e:
            print(f"attempt {attempt}: errno={e.errno} strerror={e.strerror!r} str={e}")
            await asyncio.sleep(0.1 * 2 ** attempt)


asyncio.run(main())
