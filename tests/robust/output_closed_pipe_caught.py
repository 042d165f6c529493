# BrokenPipeError is an OSError the program can catch and carry on from.
# (The report is one line: run_robust.sh compares stderr's last line.)
import sys

failed = 0
for i in range(200000):
    try:
        print(i)
    except BrokenPipeError as e:
        failed += 1
        last = e
print("caught:", failed > 0, type(last).__name__, last.errno,
      isinstance(last, OSError), repr(last), file=sys.stderr)
