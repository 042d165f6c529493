print("a", "", "b", sep="", end="")
import sys
class W:
    def write(self, s): sys.__stdout__.write(repr(s)+"|")
print("x", "", 3, file=W())
