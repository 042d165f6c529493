import asyncio


async def check(config):
    await asyncio.sleep(0)
    if "port" not in config:
        raise SystemExit(f"config error: missing port in {sorted(config)}")
    return config["port"]


async def main():
    print("port", await check({"port": 80, "host": "h"}))
    await check({"host": "h", "user": "u"})


asyncio.run(main())
