def risky():
    raise LookupError("original problem")
try:
    risky()
except LookupError as e:
    print("logging:", e)
    raise
