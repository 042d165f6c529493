try:
    assert 0
except AssertionError as e:
    print("caught:", repr(e))
x = [1, 2]
assert len(x) == 2
assert len(x) == 3
