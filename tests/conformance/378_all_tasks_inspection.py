import asyncio


async def service(name, stop):
    await stop.wait()
    return name


def snapshot(label):
    names = sorted(t.get_name() for t in asyncio.all_tasks())
    states = sorted((t.get_name(), t.done()) for t in asyncio.all_tasks())
    print(f"{label}: {len(names)} tasks {names}")
    return states


async def main():
    stop = asyncio.Event()
    snapshot("start")
    services = [asyncio.create_task(service(n, stop), name=f"svc-{n}") for n in ("web", "db", "cache")]
    snapshot("after create")
    await asyncio.sleep(0)
    current = asyncio.current_task()
    others = [t for t in asyncio.all_tasks() if t is not current]
    print("others:", sorted(t.get_name() for t in others))
    stop.set()
    print(sorted(await asyncio.gather(*services)))
    snapshot("end")


asyncio.run(main())
