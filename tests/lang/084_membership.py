print(2 in [1, 2, 3], 4 not in [1, 2, 3])
print("ell" in "hello", "z" in "hello", "" in "abc")
print("k" in {"k": 1}, 1 in {"k": 1})
print(3 in (1, 2, 3), 3 in {3, 4}, 5 in range(0, 10, 5), 7 in range(0, 10, 5))
print([1] in [[1], [2]], (1, 2) in [(1, 2)])
print(1.0 in [1], True in [1], None in [0, None])
nested = {"a": [1, 2]}
print(2 in nested["a"], "b" in nested)
def gen():
    yield 1
    yield 2
print(2 in gen(), 5 in gen())
it = iter([1, 2, 3, 4])
print(2 in it, list(it))
