try:
    "x" + None
except TypeError as e:
    print("caught:", e)
age = 30
print("age: " + str(age))
print("age: " + age)
