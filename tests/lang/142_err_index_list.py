try:
    [][0]
except IndexError as e:
    print("caught:", e)
lst = [1, 2, 3]
print(lst[2])
print(lst[3])
