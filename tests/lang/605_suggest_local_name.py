# A NameError in a function: the suggestion comes from its own locals
# first (co_varnames), as the default excepthook of 3.11 prints it.
def f():
    counter = 1
    return countr


f()
