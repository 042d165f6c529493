x = 0
if x:
    x = 1
def f():
        a = 1
    return a
print(f())
