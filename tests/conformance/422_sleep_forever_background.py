import asyncio
import math


async def serve_forever(name):
    try:
        print(f"{name} serving")
        await asyncio.sleep(math.inf)
    except asyncio.CancelledError:
        print(f"{name} stopped")
        raise


async def main():
    server = asyncio.create_task(serve_forever("api"))
    await asyncio.sleep(2.5)
    print(f"shutting down at {asyncio.get_running_loop().time():.1f}")
    server.cancel()
    await asyncio.gather(server, return_exceptions=True)


asyncio.run(main())
