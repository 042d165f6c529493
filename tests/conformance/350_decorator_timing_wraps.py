import asyncio
import functools
import inspect


def timed(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            return await fn(*args, **kwargs)
        finally:
            print(f"{fn.__name__}{args} took {loop.time() - start:.2f}s")
    return wrapper


def retries(n):
    def deco(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for i in range(n):
                try:
                    return await fn(*args, **kwargs)
                except OSError as e:
                    print(f"  attempt {i + 1} of {wrapper.__qualname__}: {e}")
            raise OSError(f"{fn.__name__} failed {n} times")
        return wrapper
    return deco


attempts = {"count": 0}


@timed
@retries(3)
async def flaky(x):
    attempts["count"] += 1
    await asyncio.sleep(0.1)
    if attempts["count"] < 3:
        raise OSError(f"try {attempts['count']}")
    return x * 2


@timed
async def add(a, b=1):
    await asyncio.sleep(0.25)
    return a + b


async def main():
    print(flaky.__name__, flaky.__doc__, inspect.iscoroutinefunction(flaky))
    print(await flaky(21))
    print(await add(1, b=2))
    print(asyncio.iscoroutinefunction(add), add.__wrapped__.__name__)


asyncio.run(main())
