import asyncio


async def sleeper(name):
    await asyncio.sleep(0.1)
    print(name, "woke")


async def main():
    tasks = [asyncio.create_task(sleeper(f"s{i}")) for i in range(5)]
    await asyncio.gather(*tasks)


asyncio.run(main())
