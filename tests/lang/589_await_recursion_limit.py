# A coroutine entered at the recursion limit raises RecursionError inside
# its own frame, as CPython does: it is finished then, not "never
# awaited" at exit. (Its await owned it: vm.c's GET_AWAITABLE.)
import asyncio


async def down(n):
    if n == 0:
        return 0
    return 1 + await down(n - 1)


async def main():
    print(await down(200))
    try:
        await down(100000)
    except RecursionError as e:
        print("RecursionError", type(e).__name__)
    print(await down(50))


asyncio.run(main())
print("end")

# tracecmp: warnings (the lines of stderr that warnings write are compared)
