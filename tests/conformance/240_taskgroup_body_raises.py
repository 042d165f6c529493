import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    finally:
        print(name, "finally")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("x"))
            tg.create_task(child("y"))
            await asyncio.sleep(0)
            raise KeyError("body failed")
    except ExceptionGroup as eg:
        print("ExceptionGroup:", eg, [repr(e) for e in eg.exceptions])


asyncio.run(main())
