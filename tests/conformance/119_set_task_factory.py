import asyncio

made = []


def factory(loop, coro):
    made.append(coro.__qualname__)
    print("factory makes a task for", coro.__qualname__)
    return asyncio.Task(coro, loop=loop)


async def child(n):
    await asyncio.sleep(0)
    return n


async def main():
    loop = asyncio.get_running_loop()
    print("factory before:", loop.get_task_factory())
    loop.set_task_factory(factory)
    print("factory set:", loop.get_task_factory() is factory)
    t = asyncio.create_task(child(1), name="kid")
    print(t.get_name(), await t)
    print(await loop.create_task(child(2)))


asyncio.run(main())
print("made:", made)
