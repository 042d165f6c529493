# Dataclasses as the results and jobs of asyncio tasks.
import asyncio
from dataclasses import dataclass, field, asdict, replace
from typing import List, Optional


@dataclass(order=True)
class Job:
    priority: int
    name: str = field(compare=False)
    attempts: int = field(default=0, compare=False)


@dataclass
class Result:
    job: str
    ok: bool
    elapsed: float
    notes: List[str] = field(default_factory=list)
    error: Optional[str] = None


@dataclass(frozen=True)
class Config:
    workers: int = 2
    timeout: float = 0.25


async def run_job(job: Job, cfg: Config) -> Result:
    duration = 0.1 * job.priority
    try:
        await asyncio.wait_for(asyncio.sleep(duration), cfg.timeout)
    except asyncio.TimeoutError:
        return Result(job.name, False, cfg.timeout, error="timeout")
    return Result(job.name, True, duration,
                  notes=[f"attempt {job.attempts + 1}"])


async def worker(queue: asyncio.PriorityQueue, cfg: Config,
                 results: List[Result]):
    while True:
        job = await queue.get()
        res = await run_job(job, cfg)
        if not res.ok and job.attempts < 1:
            await queue.put(replace(job, priority=1,
                                    attempts=job.attempts + 1))
        results.append(res)
        queue.task_done()


async def main():
    cfg = Config()
    queue = asyncio.PriorityQueue()
    for job in [Job(3, "resize"), Job(1, "email"), Job(2, "index"),
                Job(1, "backup")]:
        queue.put_nowait(job)
    results: List[Result] = []
    workers = [asyncio.create_task(worker(queue, cfg, results))
               for _ in range(cfg.workers)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    for r in results:
        print(r)
    print(asdict(results[0]))
    print(sorted([Job(2, "b"), Job(1, "z"), Job(2, "a")]))
    try:
        cfg.workers = 5
    except AttributeError as e:
        print(type(e).__name__, e)
    print(cfg, replace(cfg, workers=4), cfg == Config(2, 0.25),
          hash(cfg) == hash(Config()))


asyncio.run(main())
