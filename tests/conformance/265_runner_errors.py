import asyncio


async def main():
    return "ok"


runner = asyncio.Runner()
try:
    runner.run(7)
except ValueError as e:
    print("ValueError:", e)
print(runner.run(main()))
runner.close()
runner.close()
try:
    runner.run(main())
except RuntimeError as e:
    print("RuntimeError:", e)

# tracecmp: warnings (the lines of stderr that warnings write are compared)
