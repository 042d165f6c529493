# A method of a built-in type called through the class with a self of
# the wrong type: TypeError, not a crash.
list.count(1, 2)
