import asyncio
from typing import NamedTuple


class Measurement(NamedTuple):
    sensor: str
    value: float
    at: float


async def read_sensor(name: str, period: float, count: int) -> list[Measurement]:
    loop = asyncio.get_running_loop()
    readings = []
    for i in range(count):
        await asyncio.sleep(period)
        readings.append(Measurement(name, round(i * period * 10, 1), round(loop.time(), 2)))
    return readings


async def main():
    batches = await asyncio.gather(read_sensor("temp", 0.3, 3), read_sensor("hum", 0.2, 4))
    allm = sorted((m for b in batches for m in b), key=lambda m: (m.at, m.sensor))
    for m in allm:
        print(m)
    print(allm[0]._asdict())
    print(max(allm, key=lambda m: m.value).sensor)


asyncio.run(main())
