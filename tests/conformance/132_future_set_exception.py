import asyncio


def fail(fut):
    print("setting the exception")
    fut.set_exception(ValueError("bad value"))


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.1, fail, fut)
    try:
        await fut
    except ValueError as e:
        print("await raised", repr(e))
    print("exception()", repr(fut.exception()))
    try:
        fut.result()
    except ValueError as e:
        print("result() raised", repr(e))
    print("done", fut.done(), "cancelled", fut.cancelled())


asyncio.run(main())
