import asyncio


async def job(tag):
    await asyncio.sleep(0)
    return tag


class MyFut(asyncio.Future):
    def poke(self, x):
        print("poke", x)


def note(*args):
    print("note", len(args))


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(job("a"))
    b = asyncio.create_task(job("b"), name="Task-2")
    c = asyncio.create_task(job("c"), name="Task-6")
    d = asyncio.create_task(job("d"))
    e = asyncio.create_task(job("e"))
    f = asyncio.create_task(job("f"), name="Task-05")
    g = asyncio.create_task(job("g"), name="Task-1000000000")
    h = asyncio.create_task(job("h"), name="Future-3")
    i = asyncio.Task(job("i"), name="Task-2")
    j = loop.create_task(job("j"), name="Task-13")
    k = asyncio.create_task(job("k"))
    tasks = [a, b, c, d, e, f, g, h, i, j, k]
    print([t.get_name() for t in tasks])
    d.set_name("renamed")
    print(d.get_name(), repr(e)[:40])
    print(await asyncio.gather(*tasks))
    mf = MyFut()
    plain = loop.create_future()
    loop.call_soon(mf.poke, 1)
    loop.call_soon(note, mf, plain)
    await asyncio.sleep(0)
    mf.set_result(5)
    plain.set_result(None)
    print(await mf, await plain)
    late = asyncio.create_task(job("late"))
    print(late.get_name(), await late)


asyncio.run(main())
