import asyncio


async def fetch(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ConnectionRefusedError(name) if False else OSError(name)
    return len(name)


async def main():
    results = {}
    for name, delay, fail in [("alpha", 0.1, False), ("beta", 0.2, True), ("gamma", 0.1, False)]:
        try:
            results[name] = await fetch(name, delay, fail)
            print(f"[fetch] request to the upstream service finished for {name}")
        except OSError:
            print(f"[fetch] request to the upstream service failed for {name}")
            results[name] = None
        print("retry budget:", 3)
    print(f"[fetch] request to the upstream service finished for {len(results)} names")
    print(results)


asyncio.run(main())
