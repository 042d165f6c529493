import asyncio


class AppError(Exception):
    pass


async def job():
    await asyncio.sleep(0.2)
    raise AppError("job crashed")


loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(job())
finally:
    print("closing the loop")
    loop.close()
