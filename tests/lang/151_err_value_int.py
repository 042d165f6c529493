try:
    int("")
except ValueError as e:
    print("caught:", e)
print(int("12"))
print(int("x"))
