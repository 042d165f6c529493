import asyncio

loop = asyncio.new_event_loop()


async def job():
    print("job runs in", asyncio.current_task().get_name())
    loop.stop()


def cb():
    print("callback: current_task is", asyncio.current_task())
    t = loop.create_task(job())
    print("callback created", t.get_name())


loop.call_soon(cb)
loop.run_forever()
loop.close()
