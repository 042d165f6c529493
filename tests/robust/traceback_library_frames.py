# A traceback through asyncio's own functions: a frame of a function
# that mirrors CPython's (tasks.py's sleep) shows CPython's file and line
# where looplab knows it (an await) with its source line; anywhere else
# (wait_for after its await) it shows looplab's own file and line, never
# a line number of tasks.py that is not tasks.py's.
import asyncio


async def main():
    await asyncio.wait_for(asyncio.sleep(1), 0.01)


asyncio.run(main())
