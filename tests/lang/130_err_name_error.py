def compute():
    total = 10
    return total + qqq_undefined_zz
print("before")
print(compute())
print("after")
