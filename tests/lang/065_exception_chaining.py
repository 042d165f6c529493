try:
    try:
        raise KeyError("first")
    except KeyError as e1:
        raise ValueError("second") from e1
except ValueError as e2:
    print("cause:", repr(e2.__cause__))
    print("context:", repr(e2.__context__))
    print("same:", e2.__cause__ is e2.__context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        undefined_thing_xyz
except NameError as e:
    print("context type:", type(e.__context__).__name__)
    print("cause:", e.__cause__)
e = Exception("no chain")
print(e.__cause__, e.__context__, e.__traceback__)
try:
    raise e
except Exception as caught:
    print(caught is e, caught.__traceback__ is not None)
