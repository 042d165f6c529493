import sys
print(sys.getrecursionlimit())
sys.stdout.write("write without newline")
sys.stdout.write("\n")
sys.stderr.write("error text\n")
print(sys.maxsize == 9223372036854775807)
print(sys.stdout is not sys.stderr)
