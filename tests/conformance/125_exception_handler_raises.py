import asyncio


def handler(loop, context):
    print("handler sees:", context["message"])
    raise RuntimeError("the handler itself fails")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    loop.call_soon(lambda: 1 / 0)
    await asyncio.sleep(0)
    print("loop still alive")


asyncio.run(main())
