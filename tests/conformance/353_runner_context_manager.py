import asyncio


async def fetch(n):
    await asyncio.sleep(n / 10)
    return n * 100


async def count_tasks():
    return len(asyncio.all_tasks())


with asyncio.Runner() as runner:
    print(runner.run(fetch(1)))
    print(runner.run(fetch(2)))
    loop = runner.get_loop()
    print("same loop both times:", loop is runner.get_loop(), loop.is_closed())
    print("tasks:", runner.run(count_tasks()))
print("closed after with:", loop.is_closed())
