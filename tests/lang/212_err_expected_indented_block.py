def g():
    return 0
def f():
    if True:
    return 1
