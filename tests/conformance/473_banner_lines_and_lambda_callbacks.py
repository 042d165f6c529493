import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    print("==============================================================")
    print("  report: two jobs with done callbacks")
    print("==============================================================")
    done = []
    t1 = asyncio.create_task(job("first", 0.2))
    t2 = asyncio.create_task(job("second", 0.1))
    t1.add_done_callback(lambda t: done.append(t.result()))
    t2.add_done_callback(lambda t: done.append(t.result()))
    await asyncio.gather(t1, t2)
    print("finished in order:", done)
    print("==============================================================")


asyncio.run(main())
