try:
    5.0 // 0.0
except ZeroDivisionError as e:
    print("caught:", e)
def f(n):
    return 100 // n
print(f(7))
print(f(0))
