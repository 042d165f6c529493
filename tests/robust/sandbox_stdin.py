# There is no standard input to read.
import sys
data = sys.stdin.read()
