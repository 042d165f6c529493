try:
    next(iter(()))
except StopIteration as e:
    print("caught:", repr(e))
it = iter([1])
print(next(it))
next(it)
