x = 5
print(1 < x < 10, 1 < x > 10, x == 5 == 5.0)
print(1 < 2 < 3 < 4 < 5, 1 < 2 > 3 < 4)
print(3 != 3, "a" < "b", "abc" < "abd", "Z" < "a", "" < "a")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], (1, "a") < (1, "b"))
print([1, 2] == [1, 2], (1,) == [1], {1: 2} == {1: 2})
def side(v):
    print("eval", v)
    return v
print(side(1) < side(2) < side(0) < side(3))
print(1 == 1.0, True == 1, False == 0, None == 0)
print(2 >= 2, 2 <= 1, 0.5 > 0)
a = [1]
b = [1]
print(a == b, a is b, a is not b, a is a)
print(None is None, type(None).__name__)
print(max("apple", "banana"), min([3, 1], [2, 9]))
