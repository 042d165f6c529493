def ok():
    return 1
x = 1
print(x)
return x
