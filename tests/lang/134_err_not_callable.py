try:
    "text"()
except TypeError as e:
    print("caught:", e)
value = 5
print("calling")
value()
