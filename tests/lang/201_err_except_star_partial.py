try:
    raise ExceptionGroup("batch", [ValueError("v"), KeyError("k")])
except* ValueError as eg:
    print("handled", [str(e) for e in eg.exceptions])
print("not reached")
