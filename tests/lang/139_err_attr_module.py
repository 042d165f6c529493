import functools
try:
    functools.qqq_nothing_here
except AttributeError as e:
    print("caught:", e)
import sys
print("module ok")
sys.qqq_no_such_thing
