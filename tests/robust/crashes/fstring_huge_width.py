# The same through an f-string with a nested width.
w = 10 ** 12
print(f"{1:{w}}")
