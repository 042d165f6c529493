import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result(1)
    try:
        fut.set_result(2)
    except asyncio.InvalidStateError as e:
        print("second set_result:", e)
    try:
        fut.set_exception(ValueError())
    except asyncio.InvalidStateError as e:
        print("set_exception after result:", e)
    print("cancel after result ->", fut.cancel())
    print("result still", fut.result())
    other = loop.create_future()
    other.cancel()
    try:
        other.set_result(3)
    except asyncio.InvalidStateError as e:
        print("set_result after cancel:", e)


asyncio.run(main())
