print(any([]), all([]))
print(any([0, "", None]), any([0, 1]), all([1, "a", [0]]), all([1, 0]))
print(any(x > 5 for x in range(10)), all(x < 10 for x in range(10)))
def noisy(v):
    print("checking", v)
    return v
print(any(noisy(v) for v in [0, 2, 3]))
print(all(noisy(v) for v in [1, 0, 3]))
print(any("abc"), all(""), any({0: "a"}), all({1: 0}))
