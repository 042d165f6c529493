# a comment at the top
x = 1  # trailing comment
# comment between statements
    # indented comment at odd indentation is ignored
y = 2
def f():
    # comment in body
    return x + y  # comment after return
# comment at end of function

print(f())  # prints 3
s = "# not a comment"
print(s)
print('#' * 3)  # hashes in string
