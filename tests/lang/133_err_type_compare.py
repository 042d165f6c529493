try:
    "a" < 1
except TypeError as e:
    print("caught:", e)
items = [3, 1]
print(sorted(items))
print([] < 1)
