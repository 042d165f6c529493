import asyncio

background_tasks = set()


async def some_coro(param):
    await asyncio.sleep(param / 10)
    print(f"coro {param} finished, {len(background_tasks)} still tracked")
    return param * param


async def main():
    results = []
    for i in range(5, 0, -1):
        task = asyncio.create_task(some_coro(param=i))

        # Add task to the set. This creates a strong reference.
        background_tasks.add(task)

        # To prevent keeping references to finished tasks forever,
        # make each task remove its own reference from the set after
        # completion:
        task.add_done_callback(background_tasks.discard)
        task.add_done_callback(lambda t: results.append(t.result()))

    while background_tasks:
        await asyncio.sleep(0.1)
    print("all done:", results)


asyncio.run(main())
