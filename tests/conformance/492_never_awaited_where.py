# Where and how often "coroutine ... was never awaited" is reported: at
# the statement that drops the coroutine (an expression statement, a
# del of a local, a global or a name at module level), with that line's
# source under it and the tracemalloc hint, once per line however often
# it runs, and after the report of a pending task dropped with it.
import asyncio


async def work(n):
    return n


def plain():
    work(1)                      # dropped in a plain function
    c = work(2)
    del c                        # dropped by del


async def main():
    for _ in range(3):
        work(3)                  # three times, reported once
    work(4)
    plain()
    plain()                      # the same lines again: not again
    print("main done")


asyncio.run(main())
work(5)
g = work(6)
del g
loop = asyncio.new_event_loop()
t = loop.create_task(work(7))
loop.close()
del t
print("end")
# tracecmp: warnings (the lines of stderr that warnings write are compared)
