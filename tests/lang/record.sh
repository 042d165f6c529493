#!/bin/sh
# Re-record CPython's expected output for every test program in this directory.
# For each X.py: X.out (stdout), X.err (stderr), X.code (exit status).
# Usage: ./record.sh [X.py ...]   (default: all *.py here)
set -u
cd "$(dirname "$0")" || exit 1
PY=${PYTHON:-python3}
if [ "$#" -eq 0 ]; then
    set -- [0-9]*.py
fi
for f in "$@"; do
    f=$(basename "$f")
    b=${f%.py}
    "$PY" "$f" >"$b.out" 2>"$b.err" </dev/null
    echo $? >"$b.code"
done
