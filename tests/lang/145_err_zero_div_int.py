try:
    1 / 0
except ZeroDivisionError as e:
    print("caught:", e)
a = 10
b = 0
print(a // 3)
print(a / b)
