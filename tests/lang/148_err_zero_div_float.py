try:
    divmod(1.0, 0)
except ZeroDivisionError as e:
    print("caught:", e)
x = 1.5
print(x / 2)
print(x / 0.0)
