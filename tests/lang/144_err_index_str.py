try:
    ""[-1]
except IndexError as e:
    print("caught:", e)
s = "abc"
print(s[0])
print(s[10])
