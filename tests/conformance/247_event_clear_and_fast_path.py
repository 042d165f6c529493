import asyncio


async def other():
    print("other task runs")


async def main():
    ev = asyncio.Event()
    ev.set()
    t = asyncio.create_task(other())
    print("wait on a set event:", await ev.wait(), "- no suspension, other done?", t.done())
    ev.clear()
    print("cleared; is_set", ev.is_set())
    asyncio.get_running_loop().call_later(0.2, ev.set)
    await ev.wait()
    print("set again by a timer")


asyncio.run(main())
