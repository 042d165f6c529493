# A task that never stops, under --max-steps: the budget ends it.
import asyncio

async def spin():
    while True:
        await asyncio.sleep(0)

async def main():
    await asyncio.create_task(spin())

asyncio.run(main())
