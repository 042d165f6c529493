try:
    len(None)
except TypeError as e:
    print("caught:", e)
print(len("abc"))
print(len(42))
