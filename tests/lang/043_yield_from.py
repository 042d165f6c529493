def inner():
    yield 1
    yield 2
    return "inner result"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield 3
print(list(outer()))
def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x
print(list(flatten([1, [2, [3, 4]], [[5]], 6])))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", [1, 2], range(3))))
def delegate():
    yield from ()
    yield "after empty"
print(list(delegate()))
