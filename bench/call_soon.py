# A million loop.call_soon callbacks: the ready queue and handle dispatch
# without any task or future. Each callback schedules the next one in its
# chain; 100 chains of 10,000 run interleaved.
import asyncio

CHAINS = 100
PER_CHAIN = 10000


class Counter:
    def __init__(self):
        self.calls = 0
        self.total = 0


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    c = Counter()
    left = [CHAINS]

    def step(chain, k):
        c.calls += 1
        c.total += k
        if k + 1 < PER_CHAIN:
            loop.call_soon(step, chain, k + 1)
        else:
            left[0] -= 1
            if left[0] == 0:
                done.set_result(c.calls)

    for chain in range(CHAINS):
        loop.call_soon(step, chain, 0)
    calls = await done
    expected = CHAINS * PER_CHAIN * (PER_CHAIN - 1) // 2
    print(f"call_soon calls={calls} total={c.total} "
          f"ok={calls == CHAINS * PER_CHAIN and c.total == expected}")


asyncio.run(main())
