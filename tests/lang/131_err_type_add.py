try:
    1 + None
except TypeError as e:
    print("caught:", e)
x = 1
print("x is", x)
y = x + 'a'
print(y)
