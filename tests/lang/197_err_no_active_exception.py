try:
    raise
except RuntimeError as e:
    print("caught:", e)
def fail():
    raise
print("about to re-raise nothing")
fail()
