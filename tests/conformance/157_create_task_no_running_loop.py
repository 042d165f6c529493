import asyncio


async def work():
    print("never runs")


try:
    asyncio.create_task(work())
except RuntimeError as e:
    print("RuntimeError:", e)
print("end of program")

# tracecmp: warnings (the lines of stderr that warnings write are compared)
