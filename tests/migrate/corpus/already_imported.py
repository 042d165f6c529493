# runnable
import sys
from asyncio import create_task, ensure_future, gather, run


async def square(x):
    return x * x


async def main():
    a = ensure_future(square(3))
    b = create_task(square(4))
    print(await gather(a, b), file=sys.stdout)


run(main())
