def countdown(n):
    return 0 if n == 0 else 1 + countdown(n - 1)
print(countdown(100))
def down(n):
    return down(n + 1) + 1
print("start")
down(0)
