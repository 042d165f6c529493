import asyncio

loops = []


async def main(n):
    loops.append(asyncio.get_running_loop())
    await asyncio.sleep(0.1)
    print("run", n, "in", asyncio.current_task().get_name())
    return n * 10


print(asyncio.run(main(1)))
print(asyncio.run(main(2)))
print("two different loops:", loops[0] is not loops[1])
print("both closed:", loops[0].is_closed(), loops[1].is_closed())
