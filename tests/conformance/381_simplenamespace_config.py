import asyncio
import types


async def load_config():
    await asyncio.sleep(0.1)
    return types.SimpleNamespace(workers=2, retries=1, name="svc")


async def worker(cfg, wid, jobs):
    done = []
    while jobs:
        job = jobs.pop(0)
        await asyncio.sleep(0.05 * (job % 3 + 1))
        done.append(job)
    return f"{cfg.name}-w{wid}", done


async def main():
    cfg = await load_config()
    print(cfg)
    jobs = list(range(7))
    results = await asyncio.gather(*(worker(cfg, i, jobs) for i in range(cfg.workers)))
    for name, done in results:
        print(name, done)
    cfg.retries += 1
    print(vars(cfg))


asyncio.run(main())
