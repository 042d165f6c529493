class A(Exception): pass
class B(A): pass
class C(B): pass
def classify(exc):
    try:
        raise exc
    except C:
        return "C"
    except B:
        return "B"
    except A:
        return "A"
    except Exception:
        return "Exception"
for e in [A(), B(), C(), ValueError()]:
    print(type(e).__name__, "->", classify(e))
def first_match(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        return "lookup " + type(e).__name__
    except LookupError:
        return "other lookup"
print(first_match(KeyError()), first_match(IndexError()), first_match(LookupError()))
errors = (ZeroDivisionError, OverflowError)
try:
    1 % 0
except errors as e:
    print("caught from tuple variable:", type(e).__name__)
try:
    try:
        raise C("deep")
    except A as e:
        print("caught as A:", type(e).__name__, e)
        raise B("replacement")
except B as e2:
    print("outer:", e2, type(e2.__context__).__name__)
