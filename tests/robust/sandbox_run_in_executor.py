# No threads: run_in_executor refuses (it could run blocking code).
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, print, "in a thread")

asyncio.run(main())
