# At exit the program's globals are dropped, as CPython's shutdown drops
# __main__'s dict: __del__ methods run, and a coroutine a global kept and
# never awaited warns from "sys:1".
class R:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


async def f():
    return 1


keep = R(2)
_hidden = R(3)
result = f()
print(type(result).__name__)
print("end")
