def gen():
    yield 1
    raise ValueError("generator failed")
for v in gen():
    print("got", v)
