# The same through %-formatting with a * width.
print("%*d" % (2 ** 62, 1))
