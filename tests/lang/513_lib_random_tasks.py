# Seeded random delays for asyncio tasks: the same seed gives the same
# schedule, so the finishing order is reproducible.
import asyncio
import random

rng = random.Random(2024)


async def download(name):
    delay = rng.randint(1, 9) / 10
    await asyncio.sleep(delay)
    if rng.random() < 0.3:
        raise RuntimeError(f"{name} failed after {delay}")
    return name, delay


async def main():
    random.seed(7)
    names = [f"file{i}" for i in range(8)]
    random.shuffle(names)
    print(names)
    tasks = [asyncio.create_task(download(n), name=n) for n in names]
    finished = []
    for t in tasks:
        t.add_done_callback(lambda t: finished.append(t.get_name()))
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print(finished)
    print([r if isinstance(r, tuple) else str(r) for r in results])
    picks = random.sample(names, 3)
    print(picks, random.choice(picks), random.choices(names, k=4))
    jitter = [round(random.uniform(0.5, 1.5), 3) for _ in range(5)]
    print(jitter)


asyncio.run(main())
