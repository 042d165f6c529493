# A task's coroutine that returns with a coroutine never awaited in a
# local: it dies as the step ends, inside Handle._run, and CPython 3.11
# (its C Task) warns at events.py's line there. Recorded under python3:
# the oracle's pure-Python Task would name tasks.py's __step instead.
import asyncio


async def work(n):
    return n


async def task_body():
    c = work(4)
    await asyncio.sleep(0)
    return "task done"


async def main():
    print(await asyncio.create_task(task_body()))


asyncio.run(main())
print("end")

# tracecmp: warnings (the lines of stderr that warnings write are compared)
