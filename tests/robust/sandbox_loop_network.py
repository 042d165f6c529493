# The event loop has no sockets.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    await loop.create_connection(asyncio.Protocol, "127.0.0.1", 80)

asyncio.run(main())
