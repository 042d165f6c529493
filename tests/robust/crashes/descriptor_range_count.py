# (see descriptor_list_count); range.count reads whatever it was given as
# a range: with some selfs it runs for a very long time.
errors = 0
for self_ in (1, None, "s", [], object(), 1.5, (), {}):
    for extra in ((), (1,), (1, 2), (None,)):
        try:
            range.count(self_, *extra)
        except TypeError:
            errors += 1
print(errors, "TypeErrors")
