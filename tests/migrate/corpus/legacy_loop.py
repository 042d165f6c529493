# runnable
"""Pre-3.7 style: an explicit loop, loop= arguments, module-level scheduling."""
import asyncio


async def greet(who):
    await asyncio.sleep(0)
    print("hello", who)


async def main(loop):
    a = asyncio.ensure_future(greet("a"), loop=loop)
    b = asyncio.ensure_future(greet("b"))
    await asyncio.wait([a, b])


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
first = asyncio.ensure_future(greet("module"), loop=loop)
second = asyncio.ensure_future(greet("module 2"))
loop.run_until_complete(main(loop))
loop.run_until_complete(asyncio.gather(first, second))
loop.close()
