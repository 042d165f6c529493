try:
    raise ExceptionGroup("group", [ValueError("v1"), TypeError("t1"), ValueError("v2")])
except* ValueError as eg:
    print("values:", [str(e) for e in eg.exceptions], type(eg).__name__)
except* TypeError as eg:
    print("types:", [str(e) for e in eg.exceptions])
try:
    raise ExceptionGroup("only", [KeyError("k")])
except* KeyError as eg:
    print("key group message:", eg.message)
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("wrapped:", type(eg).__name__, repr(eg.exceptions[0]))
try:
    try:
        raise ExceptionGroup("mixed", [ValueError(1), OSError(2)])
    except* ValueError:
        print("handled ValueError part")
except ExceptionGroup as rest:
    print("rest:", rest.message, [type(e).__name__ for e in rest.exceptions])
