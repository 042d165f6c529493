# (see huge_list_from_range) The same through set().
x = set(range(10 ** 12))
