import asyncio


class Traffic:
    def __init__(self):
        self.green = asyncio.Event()
        self.passed = []

    async def car(self, name):
        while not self.green.is_set():
            await self.green.wait()
        self.passed.append(name)

    async def cycle(self, times):
        for i in range(times):
            await asyncio.sleep(0.2)
            self.green.set()
            print(f"green #{i}")
            await asyncio.sleep(0)
            self.green.clear()
            print(f"red #{i}, passed so far {self.passed}")


async def main():
    t = Traffic()
    cars = [asyncio.create_task(t.car(f"car{i}")) for i in range(3)]
    await asyncio.sleep(0.3)
    late = asyncio.create_task(t.car("late"))
    await t.cycle(2)
    await asyncio.gather(*cars, late)
    print("all passed:", t.passed)


asyncio.run(main())
