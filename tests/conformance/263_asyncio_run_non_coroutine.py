import asyncio


async def main():
    return asyncio.current_task().get_name()


for bad in [42, "main"]:
    try:
        asyncio.run(bad)
    except ValueError as e:
        print("ValueError:", e)
print("next main is", asyncio.run(main()))
