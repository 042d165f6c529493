import asyncio


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self.lock = asyncio.Lock()
        self.history = []

    async def withdraw(self, who, amount):
        async with self.lock:
            current = self.balance
            await asyncio.sleep(0.1)  # simulate a slow database
            if current >= amount:
                self.balance = current - amount
                self.history.append((who, -amount))
                return True
            self.history.append((who, 0))
            return False


async def main():
    acct = Account("ann", 100)
    results = await asyncio.gather(
        acct.withdraw("x", 60), acct.withdraw("y", 30), acct.withdraw("z", 20))
    print(results)
    print("balance:", acct.balance)
    for who, delta in acct.history:
        print(f"  {who}: {delta:+d}")
    print("locked now?", acct.lock.locked())


asyncio.run(main())
