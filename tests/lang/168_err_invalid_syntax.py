def f():
    return 1
print(f())
print("no")
x = = 3
