def div(a, b):
    try:
        r = a / b
    except ZeroDivisionError:
        print("cannot divide", a, "by zero")
        return None
    else:
        print("else branch")
        return r
    finally:
        print("finally for", a, b)
print(div(6, 3))
print(div(1, 0))
try:
    int("abc")
except (TypeError, ValueError) as e:
    print("caught", type(e).__name__, e)
try:
    [1][5]
except KeyError:
    print("wrong")
except LookupError as e:
    print("LookupError catches", type(e).__name__)
try:
    raise RuntimeError("plain")
except Exception as e:
    print(repr(e), e.args)
try:
    pass
except Exception:
    print("no")
else:
    print("no exception -> else")
