r = range(10)
print(r, len(r), r[0], r[-1])
print(range(2, 8), list(range(2, 8)))
print(range(0, 20, 5), list(range(0, 20, 5)), len(range(0, 20, 5)))
print(list(range(10, 0, -3)), len(range(10, 0, -3)))
print(list(range(0)), list(range(5, 2)), len(range(5, 2)))
print(list(reversed(range(4))), list(reversed(range(1, 10, 4))))
print(range(3) == range(0, 3), range(0) == range(5, 2))
print(5 in range(10), 10 in range(10), -1 in range(-5, 0))
print(range(1, 10, 2).index(5), range(3).count(1))
print(range(10)[2:5], range(10)[::-1])
r2 = range(-3, 3)
print(r2.start, r2.stop, r2.step, repr(r2))
print(sum(range(1, 101)), max(range(7)), min(range(3, 9)))
try:
    range(0, 1, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
