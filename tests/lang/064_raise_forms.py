try:
    raise ValueError
except ValueError as e:
    print(repr(e), e.args, str(e) == "")
try:
    raise ValueError("msg", 2)
except ValueError as e:
    print(repr(e), str(e), e.args)
try:
    raise TypeError("single")
except TypeError as e:
    print(str(e), repr(e))
def reraise():
    try:
        {}["k"]
    except KeyError:
        print("handling, then re-raising")
        raise
try:
    reraise()
except KeyError as e:
    print("outer got", repr(e))
try:
    raise IndexError("from") from KeyError("cause")
except IndexError as e:
    print(repr(e.__cause__), e.__suppress_context__)
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b") from None
except ValueError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
cls = RuntimeError
try:
    raise cls("dynamic")
except RuntimeError as e:
    print(e)
