import asyncio


class Job:
    def __init__(self, job_id, cost):
        self.job_id = job_id
        self.cost = cost

    def __repr__(self):
        return f"Job({self.job_id}, cost={self.cost})"


async def worker(name, jobs, results):
    processed = 0
    while True:
        try:
            job = jobs.get_nowait()
        except asyncio.QueueEmpty:
            break
        await asyncio.sleep(job.cost)
        results[job.job_id] = (name, job.cost)
        processed += 1
        jobs.task_done()
    return name, processed


async def main():
    jobs = asyncio.Queue()
    for i, cost in enumerate([0.3, 0.1, 0.4, 0.1, 0.5, 0.9, 0.2, 0.6]):
        jobs.put_nowait(Job(i, cost))
    print("queued", jobs.qsize(), "jobs; first:", jobs._queue[0])
    results = {}
    summary = await asyncio.gather(*(worker(f"w{i}", jobs, results) for i in range(3)))
    for name, n in summary:
        print(f"{name} processed {n}")
    for job_id in sorted(results):
        name, cost = results[job_id]
        print(f"job {job_id} by {name} ({cost})")
    print(f"finished at {asyncio.get_running_loop().time():.1f}")


asyncio.run(main())
