import asyncio
import sys


async def download(name, chunks):
    for i in range(chunks):
        await asyncio.sleep(0.1)
        print(".", end="", flush=True)
    return name


async def main():
    print("downloading", end=" ")
    names = await asyncio.gather(download("a", 3), download("b", 2))
    print(" done:", names)
    for pct in (0, 50, 100):
        print(f"\r{pct:3d}%", end="")
        await asyncio.sleep(0.05)
    print()
    sys.stdout.write("written directly\nsecond line\n")
    print("tab\tseparated", "multi\nline", sep=" | ")
    print("unicode: café ✓ → ∞")
    print("no newline at the end", end="")


asyncio.run(main())
