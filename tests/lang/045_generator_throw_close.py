def g():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught in gen:", e)
        yield "recovered"
    finally:
        print("gen finally")
it = g()
print(next(it))
print(it.throw(ValueError("boom")))
try:
    next(it)
except StopIteration:
    print("stopped")
def h():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
it2 = h()
next(it2)
it2.close()
print("closed")
it2.close()
print("closed twice ok")
def k():
    yield 1
it3 = k()
try:
    it3.throw(KeyError("kk"))
except KeyError as e:
    print("propagated", repr(e))
it4 = k()
it4.close()
print(list(it4))
