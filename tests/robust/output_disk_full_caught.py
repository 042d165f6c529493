# A full disk under print and sys.stdout.write: OSError with errno 28,
# caught; OSError(errno, msg) picks CPython's subclass for the errno.
# (The report is one line: run_robust.sh compares stderr's last line.)
import sys

seen = []
for write in (print, sys.stdout.write):
    try:
        write("x")
    except OSError as e:
        seen.append((write.__name__, type(e).__name__, e.errno, e.strerror,
                     repr(e), str(e), e.args))
for n in (32, 2, 13, 17, 999):
    seen.append((n, type(OSError(n, "m")).__name__, type(OSError(n)).__name__))
print(seen, file=sys.stderr)
