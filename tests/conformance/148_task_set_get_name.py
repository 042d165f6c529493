import asyncio


async def work():
    await asyncio.sleep(0.1)


async def main():
    t = asyncio.create_task(work())
    print("initial", t.get_name())
    t.set_name("renamed")
    print("after set_name", t.get_name())
    t.set_name(42)
    print("non-string name", repr(t.get_name()))
    u = asyncio.create_task(work(), name=7)
    print("name=7 gives", repr(u.get_name()))
    await t
    await u
    print("next unnamed:", asyncio.create_task(work()).get_name())


asyncio.run(main())
