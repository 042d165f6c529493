# A built-in method copied into an unrelated class (and so bound, or
# looked up as a dunder, on instances that are not of its type) used to
# be called on them: its receiver is checked as it is through the class.
class A:
    count = list.count
    __len__ = list.__len__
    __init__ = dict.__init__


errors = 0
for f in (lambda: A.__new__(A).count(1), lambda: len(A.__new__(A)),
          lambda: A(), lambda: getattr(A.__new__(A), "count")):
    try:
        f()
    except TypeError as e:
        print(e)
        errors += 1
log = []


class B:
    add = log.append   # a bound method is no descriptor: called as is


B().add(1)
print(log, errors)
A.__new__(A).count(1)
