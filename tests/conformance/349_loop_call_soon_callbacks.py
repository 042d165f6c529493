import asyncio


class Counter:
    def __init__(self):
        self.count = 0

    def bump(self, by=1):
        self.count += by
        print("bump ->", self.count)


def chain(loop, n, done):
    print("chain", n)
    if n == 0:
        done.set_result("chain finished")
    else:
        loop.call_soon(chain, loop, n - 1, done)


async def main():
    loop = asyncio.get_running_loop()
    c = Counter()
    loop.call_soon(c.bump)
    loop.call_soon(c.bump, 5)
    done = loop.create_future()
    loop.call_soon(chain, loop, 3, done)
    handle = loop.call_soon(print, "never")
    handle.cancel()
    print(await done)
    print("count:", c.count)


asyncio.run(main())
