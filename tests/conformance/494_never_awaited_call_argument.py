# A coroutine made as a call's argument and dropped when the call
# returns warns "never awaited" at that call's line, as CPython frees it
# there: a builtin's argument, a Python function's, a method's; not when
# the callee kept it (a list, a Task). call_soon(coroutine_function)
# drops the coroutine inside Handle._run: CPython names events.py's line.
import asyncio


async def work(n):
    await asyncio.sleep(0)
    return n


def consume(c):
    return type(c).__name__


class Box:
    def take(self, c):
        return 1


print(type(work(1)).__name__)
print(consume(work(2)))
print(Box().take(work(3)))
kept = []
kept.append(work(4))
print(len(kept))


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(work, 5)
    await asyncio.sleep(0)
    t = asyncio.ensure_future(work(6))
    print(await t)
    print(asyncio.iscoroutine(work(7)))


asyncio.run(main())
kept[0].close()
print("end")

# tracecmp: warnings (the lines of stderr that warnings write are compared)
