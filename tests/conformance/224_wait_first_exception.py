import asyncio


async def ok(d):
    await asyncio.sleep(d)
    return d


async def bad(d):
    await asyncio.sleep(d)
    raise ValueError("failed")


async def main():
    tasks = [asyncio.create_task(ok(0.1), name="ok1"),
             asyncio.create_task(bad(0.2), name="bad"),
             asyncio.create_task(ok(0.3), name="ok3")]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    print("bad:", repr(tasks[1].exception()))
    await asyncio.wait(pending)
    print("all done now")


asyncio.run(main())
