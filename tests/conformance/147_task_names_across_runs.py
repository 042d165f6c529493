import asyncio


async def main(label):
    me = asyncio.current_task()
    kid = asyncio.create_task(asyncio.sleep(0))
    await kid
    print(label, "main:", me.get_name(), "kid:", kid.get_name())


asyncio.run(main("first run"))
asyncio.run(main("second run"))
