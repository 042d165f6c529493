import asyncio


class Account:
    def __init__(self, ident, balance):
        self.ident = ident
        self.balance = balance
        self.lock = asyncio.Lock()


async def transfer(src, dst, amount):
    first, second = sorted((src, dst), key=lambda a: a.ident)
    async with first.lock:
        await asyncio.sleep(0.01)
        async with second.lock:
            if src.balance < amount:
                return f"{src.ident}->{dst.ident} {amount}: insufficient"
            src.balance -= amount
            await asyncio.sleep(0.01)
            dst.balance += amount
            return f"{src.ident}->{dst.ident} {amount}: ok"


async def main():
    a, b, c = Account("A", 100), Account("B", 50), Account("C", 0)
    results = await asyncio.gather(
        transfer(a, b, 30), transfer(b, a, 70), transfer(b, c, 60), transfer(c, a, 10))
    for r in results:
        print(r)
    print({x.ident: x.balance for x in (a, b, c)}, "total", a.balance + b.balance + c.balance)


asyncio.run(main())
