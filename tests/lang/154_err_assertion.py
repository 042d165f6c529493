def check(v):
    assert v > 0, "value must be positive"
    return v
print(check(1))
check(-1)
