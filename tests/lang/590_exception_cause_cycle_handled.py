# An exception whose __cause__ chain is a cycle, caught and dropped: the
# handler's end looks through causes and contexts for a coroutine never
# awaited (vm.c's POP_EXCEPT), which must stop on a cycle (it recursed
# until the C stack ran out).
def f(n):
    a = ValueError("a")
    b = KeyError("b")
    a.__cause__ = b
    b.__cause__ = a
    c = TypeError("c")
    c.__context__ = c
    if n:
        raise a
    raise c


for n in (1, 0):
    try:
        f(n)
    except (ValueError, TypeError) as e:
        print("caught", type(e).__name__, type(e.__cause__).__name__)
    try:
        f(n)
    except (ValueError, TypeError):
        print("caught again")
print("end")
