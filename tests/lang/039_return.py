def none_implicit():
    x = 1
def none_explicit():
    return
def multi():
    return 1, "two", 3.0
def early(n):
    for i in range(n):
        if i == 2:
            return "early " + str(i)
    return "late"
print(none_implicit(), none_explicit())
print(multi())
a, b, c = multi()
print(a, b, c)
print(early(5), early(1))
def nested_return():
    def inner():
        return "inner"
    return inner() + " outer"
print(nested_return())
def ret_in_loop():
    while True:
        return "out of while"
print(ret_in_loop())
