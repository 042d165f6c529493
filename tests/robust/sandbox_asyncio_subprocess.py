# asyncio has no subprocesses.
import asyncio

async def main():
    proc = await asyncio.create_subprocess_exec("/bin/echo", "escaped")

asyncio.run(main())
