import asyncio


async def run_callback(cb, delay):
    await asyncio.sleep(delay)
    return cb()


async def main():
    # classic mistake: the lambda sees the loop variable's last value
    wrong = [asyncio.create_task(run_callback(lambda: i * 10, 0.1)) for i in range(3)]
    right = [asyncio.create_task(run_callback(lambda i=i: i * 10, 0.1)) for i in range(3)]
    print("wrong:", await asyncio.gather(*wrong))
    print("right:", await asyncio.gather(*right))


asyncio.run(main())
