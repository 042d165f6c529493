try:
    raise ExceptionGroup("caught one", [OSError("o")])
except ExceptionGroup as eg:
    print("caught:", eg, eg.exceptions)
print("raising group")
raise ExceptionGroup("several problems", [ValueError("bad value"), TypeError("bad type")])
