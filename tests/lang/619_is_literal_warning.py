# "is" with a literal: a SyntaxWarning at compile time, before any output,
# for numbers, strings, -1 and constant tuples, not for None or names.
x = 5
if x is 5:
    print("five")
if x is not "a": print(1)
y = x is (1, 2)
z = x is None
def f():
    return x is -1
print(f())
print(x is None, x is not ..., x is True)
