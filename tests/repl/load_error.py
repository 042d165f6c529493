# Loaded by load.in: binds a name, then fails.
loaded_before_error = True


def divide(a, b):
    return a / b


divide(1, 0)
never_bound = True
