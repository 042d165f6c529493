print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("abc"))
print(min([], default="empty"), max([], default=None))
print(max(["apple", "fig", "banana"], key=len), min(["apple", "fig", "banana"], key=len))
print(max([(1, "b"), (1, "a")]), min([-5, 3], key=abs))
print(max([1, 3, 3], key=lambda v: v), max(1, 2.5), min(True, 0))
print(max([2, 8, 8, 1], key=lambda v: -v))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([]), sum([0.5, 0.5]), sum(range(5), start=100))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()))
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(True))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
