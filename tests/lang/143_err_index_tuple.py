try:
    ()[0]
except IndexError as e:
    print("caught:", e)
t = (1, 2)
print(t[-2])
print(t[-3])
