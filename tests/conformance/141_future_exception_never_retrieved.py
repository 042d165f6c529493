import asyncio


async def main():
    loop = asyncio.get_running_loop()
    seen = loop.create_future()
    seen.set_exception(RuntimeError("looked at"))
    print("retrieved:", repr(seen.exception()))
    del seen
    lost = loop.create_future()
    lost.set_exception(RuntimeError("nobody looks"))
    del lost
    print("after del")


asyncio.run(main())
