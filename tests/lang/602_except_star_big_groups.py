# except* over a group of 20,000 exceptions and one nested 300 deep:
# the reraised part is found by leaf identity and keeps the nesting.
import sys
errs = [ValueError(i) for i in range(20000)]
try:
    try:
        raise ExceptionGroup("many", errs)
    except* KeyError:
        pass
except ExceptionGroup as e:
    print(len(e.exceptions), e.message, e.exceptions[0] is errs[0])
try:
    try:
        raise ExceptionGroup("many", errs)
    except* ValueError:
        raise
except ExceptionGroup as e:
    print(len(e.exceptions), e.message)
e = ValueError(0)
for i in range(300):
    e = ExceptionGroup("n%d" % i, [e, KeyError(i)])
try:
    try:
        raise e
    except* KeyError:
        raise
except ExceptionGroup as g:
    d = 0
    while isinstance(g, ExceptionGroup):
        g = g.exceptions[0]
        d += 1
    print("depth", d, repr(g))
