try:
    5.5 % 0
except ZeroDivisionError as e:
    print("caught:", e)
print(7 % 3)
print(7 % 0)
