import asyncio


async def step(n):
    await asyncio.sleep(0.1)
    return (n, asyncio.current_task().get_name())


with asyncio.Runner() as runner:
    loop = runner.get_loop()
    print(runner.run(step(1)))
    print(runner.run(step(2)))
    print("same loop both times:", runner.get_loop() is loop)
    print(f"loop time {loop.time():.1f}, closed {loop.is_closed()}")
print("closed after the with block:", loop.is_closed())
