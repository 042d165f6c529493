import asyncio


async def never_started():
    print("this never prints")


loop = asyncio.new_event_loop()
t = loop.create_task(never_started())
print("created", t.get_name(), "done?", t.done())
loop.close()
print("loop closed with the task pending")
del t
print("after del")
# tracecmp: warnings (the lines of stderr that warnings write are compared)
