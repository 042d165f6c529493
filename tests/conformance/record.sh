#!/bin/sh
# Record the expected results (.out .err .code .trace) of every conformance
# program in this directory with the reference recorder (CPython 3.11), exactly
# as shared/conformance/README.md says.  Run from anywhere:
#     tests/conformance/record.sh
# The repository sits next to shared/ (../../../shared from here).
cd "$(dirname "$0")" || exit 1
SHARED=$(cd ../../../shared && pwd) || exit 1
for p in $PWD/*.py; do b=${p%.py}
  python3 "$SHARED/oracle/cpython_trace.py" "$p" --trace-out "$b.trace" >"$b.out" 2>"$b.err"
  echo $? >"$b.code"; done
python3 "$SHARED/oracle/strip_paths.py" *.out *.err *.trace
