# The type of a builtin cannot be used to make a new one.
print(type(print))
f = type(print)("open")
