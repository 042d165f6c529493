# An exception printed once is not printed again: the group's context
# chain showed KeyError, so its sub-exception ValueError comes without it.
def inner():
    try:
        raise KeyError("x")
    except KeyError:
        raise ValueError("y")
try:
    inner()
except ValueError as v:
    raise ExceptionGroup("eg", [v, TypeError("t")])
