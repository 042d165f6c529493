try:
    [1] * 2.0
except TypeError as e:
    print("caught:", e)
print("start")
print('a' * 3)
r = 'a' * 'b'
