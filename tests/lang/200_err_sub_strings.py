try:
    [1] - [1]
except TypeError as e:
    print("caught:", e)
print("abc" + "def")
print("abc" - "def")
