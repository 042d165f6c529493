import asyncio


def handler(loop, context):
    print("handler:", context["message"])
    print("  exception:", repr(context.get("exception")))
    print("  keys:", sorted(context))


def bad():
    raise ValueError("from callback")


async def main():
    loop = asyncio.get_running_loop()
    print("default handler:", loop.get_exception_handler())
    loop.set_exception_handler(handler)
    print("custom set:", loop.get_exception_handler() is handler)
    loop.call_soon(bad)
    await asyncio.sleep(0)
    loop.call_exception_handler({"message": "custom report", "detail": 42})
    loop.set_exception_handler(None)
    loop.call_exception_handler({"message": "back to default", "detail": 7})
    print("main done")


asyncio.run(main())
