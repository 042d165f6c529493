assert True
assert 1 == 1, "never shown"
try:
    assert 1 == 2
except AssertionError as e:
    print("assert failed, args:", e.args, repr(e))
try:
    assert False, "custom message"
except AssertionError as e:
    print("message:", e)
try:
    x = [1, 2]
    assert len(x) == 3, "len was " + str(len(x))
except AssertionError as e:
    print(e)
try:
    assert None, 42
except AssertionError as e:
    print(e.args)
def check(v):
    assert v > 0, f"{v} is not positive"
    return v
print(check(5))
try:
    check(-1)
except AssertionError as e:
    print(e)
