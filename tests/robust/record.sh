#!/usr/bin/env bash
# Records the expected results of robustness tests from CPython 3.11:
# runs `python3 NAME.py` from a scratch directory and writes NAME.out,
# NAME.code and, when the status is not 0, NAME.err (stderr; run_robust.sh
# compares its last line). python3 names the program by its absolute path
# in some messages ("Non-UTF-8 code ... in file /tmp/.../NAME.py"); the
# scratch directory is cut out of the recording, since looplab names
# programs without their directories (README, "Deliberate differences").
#
#   tests/robust/record.sh [DIR] NAME...
#
# DIR defaults to tests/robust. Only programs (NAME.py, NAME.py.gen) can be
# recorded, and not the tests whose expectation is looplab's own behaviour:
# sandbox_* (CPython would open the file) and those with NAME.args
# (looplab's options); their expected files are written by hand.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
dir=$here
if [ $# -gt 0 ] && [ -d "$1" ]; then
    dir=$(cd "$1" && pwd)
    shift
fi
[ $# -gt 0 ] || { echo "usage: tests/robust/record.sh [DIR] NAME..." >&2; exit 2; }

python=${PYTHON:-python3}
version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$version" != 3.11 ]; then
    echo "record.sh: $python is Python $version; the expectations are" \
        "CPython 3.11's (set PYTHON)" >&2
    exit 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for arg in "$@"; do
    name=${arg##*/}
    name=${name%.gen}
    name=${name%.py}
    case $name in
    sandbox_*)
        echo "record.sh: $name: a sandbox test's expectation is looplab's" \
            "(write it by hand)" >&2
        exit 2
        ;;
    esac
    if [ -f "$dir/$name.args" ]; then
        echo "record.sh: $name: has looplab options ($name.args)" >&2
        exit 2
    fi
    if [ -f "$dir/$name.py.gen" ]; then
        bash "$dir/$name.py.gen" >"$tmp/$name.py"
    elif [ -f "$dir/$name.py" ]; then
        cp "$dir/$name.py" "$tmp/$name.py"
    else
        echo "record.sh: no $dir/$name.py or $name.py.gen" >&2
        exit 2
    fi
    status=0
    mode=file
    [ -f "$dir/$name.stdout" ] && mode=$(cat "$dir/$name.stdout")
    case $mode in
    full)
        (cd "$tmp" && timeout 60 "$python" "$name.py") </dev/null \
            >/dev/full 2>"$tmp/err" || status=$?
        : >"$dir/$name.out"
        ;;
    closed)
        set +e
        (cd "$tmp" && timeout 60 "$python" "$name.py") </dev/null \
            2>"$tmp/err" | head -c 1 >/dev/null
        status=${PIPESTATUS[0]}
        set -e
        : >"$dir/$name.out"
        ;;
    *)
        (cd "$tmp" && timeout 60 "$python" "$name.py") </dev/null \
            >"$dir/$name.out" 2>"$tmp/err" || status=$?
        ;;
    esac
    echo "$status" >"$dir/$name.code"
    rm -f "$dir/$name.err"
    # Standard output elsewhere (NAME.stdout): stderr is all there is.
    if { [ "$status" != 0 ] || [ "$mode" != file ]; } && [ -s "$tmp/err" ]; then
        sed "s|$tmp/||g" "$tmp/err" >"$dir/$name.err"
    fi
    sed -i "s|$tmp/||g" "$dir/$name.out"
    echo "$name: status $status: $(tail -n 1 "$dir/$name.err" 2>/dev/null)"
done
