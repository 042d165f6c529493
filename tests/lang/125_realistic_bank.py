class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
class Account:
    _next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("dep", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("wd", amount))
    def __repr__(self):
        return f"{type(self).__name__}#{self.id}({self.owner!r}, {self.balance})"
class Savings(Account):
    rate = 0.05
    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        self.deposit(interest)
        return interest
class Checking(Account):
    def __init__(self, owner, balance=0, overdraft=100):
        super().__init__(owner, balance)
        self.overdraft = overdraft
    def withdraw(self, amount):
        if amount > self.balance + self.overdraft:
            raise InsufficientFunds(amount, self.balance + self.overdraft)
        self.balance -= amount
        self.history.append(("wd", amount))
accounts = [Savings("ann", 1000), Checking("bob", 50), Account("cy")]
print(accounts)
print(accounts[0].add_interest())
accounts[1].withdraw(120)
for acct, amt in [(accounts[2], 10), (accounts[1], 100)]:
    try:
        acct.withdraw(amt)
    except InsufficientFunds as e:
        print("failed:", e, "| needed", e.needed)
try:
    accounts[2].deposit(-5)
except ValueError as e:
    print("failed:", e)
print(accounts)
print(sorted(accounts, key=lambda a: a.balance))
print(sum(a.balance for a in accounts))
for a in accounts:
    print(a.owner, a.history)
