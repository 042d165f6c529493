import asyncio


async def job():
    return 1


try:
    asyncio.create_task(job())
except RuntimeError as e:
    print("RuntimeError:", e)

try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)

print(asyncio.run(job()))

# tracecmp: warnings (the lines of stderr that warnings write are compared)
