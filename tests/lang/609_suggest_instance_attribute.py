# An instance attribute misspelt: dir(obj) holds the right one.
class Account:
    def __init__(self):
        self.balance = 10


print(Account().balence)
