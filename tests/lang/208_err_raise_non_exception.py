try:
    raise 42
except TypeError as e:
    print("caught:", e)
print("raising a string")
raise "oops"
