# A TaskGroup failing inside another: the nested group's header has the
# "|" margin, and one closing line ends both groups (traceback.py's
# need_close).
import asyncio
async def boom():
    await asyncio.sleep(0)
    raise ValueError("boom")
async def inner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(boom())
async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(inner())
        tg.create_task(asyncio.sleep(1))
asyncio.run(main())
