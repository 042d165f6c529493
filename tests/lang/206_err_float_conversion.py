try:
    float("")
except ValueError as e:
    print("caught:", e)
print(float("2.5"))
print(float("two point five"))
