# 50,000 loop.call_later timers with scattered delays (0 to 9.99 ms, so
# python3 sleeps at most 10 ms of real time): the timer heap.
import asyncio

N = 50000


class Tally:
    def __init__(self):
        self.fired = 0
        self.total = 0
        self.early = 0


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    t = Tally()

    def fire(i, due):
        t.fired += 1
        t.total += i
        if loop.time() < due:
            t.early += 1
        if t.fired == N:
            done.set_result(None)

    for i in range(N):
        delay = (i * 7919 % 1000) / 100000
        loop.call_later(delay, fire, i, loop.time() + delay)
    await done
    expected = N * (N - 1) // 2
    print(f"timers fired={t.fired} total={t.total} early={t.early} "
          f"ok={t.fired == N and t.total == expected and t.early == 0}")


asyncio.run(main())
