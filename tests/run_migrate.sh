#!/usr/bin/env bash
# Tests for `looplab migrate` (ensure_future -> create_task).
#
# For every tests/migrate/corpus/NAME.py:
#   - `looplab migrate NAME.py`, run inside the corpus directory, must print
#     exactly NAME.expected and exit 1 when NAME.rewritten exists, 2 when
#     the expected output says the file cannot be migrated, else 0;
#   - its diff must be what `diff -u` prints between NAME.py and
#     NAME.rewritten (when GNU diff is there);
#   - --check must exit the same way and print no diff;
#   - --write on a copy must leave NAME.rewritten (or the file unchanged),
#     exit 0 (2 for files that cannot be migrated), and a second run on the
#     result must find nothing more to do;
#   - with python3 available, a file whose first line is `# runnable` must
#     print the same under python3 before and after the rewrite.
# Then: the whole corpus as one directory (tests/migrate/corpus.expected),
# tokenizer errors, the command line, the directory walk, and - with
# python3 - the tokenizer against Python's tokenize module.
#
# Prints one line per failure and ends with `N passed, M failed`; exits 1
# when anything failed.
#
# Environment:
#   LOOPLAB   the binary (default: ./looplab at the repository root)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOOPLAB=${LOOPLAB:-$root/looplab}
case $LOOPLAB in
/*) ;;
*/*) LOOPLAB=$PWD/$LOOPLAB ;;
esac
corpus=$root/tests/migrate/corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PYTHONDONTWRITEBYTECODE=1

passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL: $*"
}
# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() {
    local what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}

if [ ! -x "$LOOPLAB" ] && ! command -v "$LOOPLAB" >/dev/null 2>&1; then
    echo "run_migrate.sh: no binary at $LOOPLAB (make first?)" >&2
    exit 2
fi

have_python=0
if command -v python3 >/dev/null 2>&1; then
    have_python=1
fi
gnu_diff=0
if diff --label a --label b /dev/null /dev/null >/dev/null 2>&1; then
    gnu_diff=1
fi

# The status a corpus file's default run must end with.
expected_status() {
    local name=$1
    if grep -q ': cannot migrate: ' "$corpus/$name.expected"; then
        echo 2
    elif [ -f "$corpus/$name.rewritten" ]; then
        echo 1
    else
        echo 0
    fi
}

# Runs python3 on FILE inside its directory; prints stdout then the status.
run_python() {
    local dir file
    dir=$(dirname "$1")
    file=$(basename "$1")
    (cd "$dir" && timeout 30 python3 "$file" 2>/dev/null; echo "exit $?")
}

for py in "$corpus"/*.py; do
    name=$(basename "$py" .py)
    if [ ! -f "$corpus/$name.expected" ]; then
        bad "$name: no $name.expected"
        continue
    fi
    want=$(expected_status "$name")

    # the default run: report and status
    out=$tmp/$name.out
    (cd "$corpus" && "$LOOPLAB" migrate "$name.py") >"$out" 2>"$tmp/$name.err"
    rc=$?
    if cmp -s "$out" "$corpus/$name.expected"; then
        ok
    else
        bad "$name: output differs from $name.expected"
        diff "$corpus/$name.expected" "$out" | head -20
    fi
    check "$name: exit status $rc, expected $want" [ "$rc" = "$want" ]

    # the printed diff is diff -u's
    if [ -f "$corpus/$name.rewritten" ] && [ $gnu_diff = 1 ]; then
        diff -u --label "a/$name.py" --label "b/$name.py" "$py" \
            "$corpus/$name.rewritten" >"$tmp/$name.udiff"
        n=$(wc -l <"$tmp/$name.udiff")
        if head -n "$n" "$out" | cmp -s - "$tmp/$name.udiff"; then
            ok
        else
            bad "$name: the diff is not diff -u's"
        fi
    fi

    # --check: same status, no diff, same summary
    (cd "$corpus" && "$LOOPLAB" migrate --check "$name.py") \
        >"$tmp/$name.check" 2>/dev/null
    rc=$?
    check "$name: --check exit status $rc, expected $want" [ "$rc" = "$want" ]
    check "$name: --check printed a diff" \
        bash -c "! grep -q '^--- a/' '$tmp/$name.check'"
    check "$name: --check summary differs" \
        [ "$(tail -n 1 "$tmp/$name.check")" = "$(tail -n 1 "$out")" ]

    # --write on a copy of the corpus (sibling modules matter)
    w=$tmp/write-$name
    cp -R "$corpus" "$w"
    (cd "$w" && "$LOOPLAB" migrate --write "$name.py") >"$tmp/$name.write" \
        2>&1
    rc=$?
    wwant=0
    [ "$want" = 2 ] && wwant=2
    check "$name: --write exit status $rc, expected $wwant" [ "$rc" = "$wwant" ]
    if [ -f "$corpus/$name.rewritten" ]; then
        check "$name: --write result differs from $name.rewritten" \
            cmp -s "$w/$name.py" "$corpus/$name.rewritten"
    else
        check "$name: --write changed a file with nothing to rewrite" \
            cmp -s "$w/$name.py" "$py"
    fi
    check "$name: --write left a temporary file" \
        bash -c "! ls -A '$w' | grep -q 'migrate-'"

    # a second pass finds nothing more
    (cd "$w" && "$LOOPLAB" migrate "$name.py") >"$tmp/$name.again" 2>&1
    rc=$?
    check "$name: second run exit status $rc, expected $wwant" \
        [ "$rc" = "$wwant" ]

    # the rewritten program behaves the same
    if [ $have_python = 1 ] && [ "$(head -n 1 "$py")" = "# runnable" ]; then
        o=$tmp/orig-$name
        cp -R "$corpus" "$o"
        before=$(run_python "$o/$name.py")
        after=$(run_python "$w/$name.py")
        if [ "$before" = "$after" ] && [ "${before##*exit }" = 0 ]; then
            ok
        else
            bad "$name: python3 output differs after the rewrite"
            diff <(echo "$before") <(echo "$after") | head -10
        fi
    fi
done

# The whole corpus in one run: sorted walk, totals, status 2 (broken files).
(cd "$root/tests/migrate" && "$LOOPLAB" migrate corpus) >"$tmp/corpus.out" \
    2>/dev/null
rc=$?
if cmp -s "$tmp/corpus.out" "$root/tests/migrate/corpus.expected"; then
    ok
else
    bad "directory run: output differs from tests/migrate/corpus.expected"
    diff "$root/tests/migrate/corpus.expected" "$tmp/corpus.out" | head -20
fi
check "directory run: exit status $rc, expected 2" [ "$rc" = 2 ]

# Tokenizer errors: the file is reported and left untouched.
# Each case: a message the report must contain, then the source.
error_case() {
    local msg=$1 src=$2 f=$tmp/err.py
    printf '%b' "$src" >"$f"
    cp "$f" "$tmp/err.orig"
    "$LOOPLAB" migrate --write "$f" >"$tmp/err.out" 2>&1
    local rc=$?
    if [ $rc = 2 ] && grep -qF "cannot migrate: $msg" "$tmp/err.out" &&
        cmp -s "$f" "$tmp/err.orig"; then
        ok
    else
        bad "tokenizer error '$msg' (status $rc): $(head -n 1 "$tmp/err.out")"
    fi
}
error_case "unterminated string literal (detected at line 2)" \
    'import asyncio\nx = "abc\nasyncio.ensure_future(f())\n'
error_case "unterminated triple-quoted string literal" \
    "x = '''abc\n\n"
error_case "'(' was never closed" 'asyncio.ensure_future(f(\n'
error_case "unmatched ')'" 'x = 1)\n'
error_case "closing parenthesis ']' does not match opening parenthesis '('" \
    'x = (1]\n'
error_case "unindent does not match any outer indentation level" \
    'if x:\n        a = 1\n    b = 2\n'
error_case "inconsistent use of tabs and spaces in indentation" \
    'if x:\n\tif y:\n        a = 1\n'
error_case "unexpected indent" 'x = 1\n    y = 2\n'
error_case "expected an indented block after line 1" 'def f():\nx = 1\n'
error_case "unexpected character after line continuation character" \
    'x = 1 \\ 2\n'
error_case "invalid character '\$' (U+0024)" 'x = $y\n'
error_case "invalid decimal literal" 'x = 1abc\n'
error_case "leading zeros in decimal integer literals" 'x = 0777\n'
error_case "invalid hexadecimal literal" 'x = 0x\n'
error_case "invalid digit '8' in octal literal" 'x = 0o78\n'
error_case "source code cannot contain null bytes" 'x = 1\0\n'
error_case "unexpected EOF while parsing" 'x = 1 + \\\n'
error_case "invalid character '€' (U+20AC)" 'price€ = 2\n'
error_case "invalid non-printable character U+00A0" 'x\xc2\xa0= 2\n'
error_case "Non-UTF-8 code starting with '\\xf6', but no encoding declared" \
    'import asyncio\nx = "\xf6"\n'
# ... while a declared ASCII-compatible encoding is read as it is.
printf '%b' '# -*- coding: latin-1 -*-\nx = "\xf6"\n' >"$tmp/latin1.py"
"$LOOPLAB" migrate "$tmp/latin1.py" >/dev/null 2>&1
check "a latin-1 file with its coding cookie is rejected" [ $? = 0 ]

# The command line.
"$LOOPLAB" migrate --help >"$tmp/help" 2>&1
rc=$?
check "--help: status $rc" [ "$rc" = 0 ]
check "--help: no usage line" grep -q '^usage: looplab migrate' "$tmp/help"
"$LOOPLAB" migrate >/dev/null 2>&1
check "no PATH: status 2" [ $? = 2 ]
"$LOOPLAB" migrate --bogus x.py >/dev/null 2>&1
check "unknown option: status 2" [ $? = 2 ]
"$LOOPLAB" migrate --check --write "$corpus/aliased.py" >/dev/null 2>&1
check "--check with --write: status 2" [ $? = 2 ]
"$LOOPLAB" migrate "$tmp/no-such-file.py" >/dev/null 2>&1
check "missing file: status 2" [ $? = 2 ]

# The walk: sorted, recursive, hidden directories and non-.py files
# skipped; --write keeps the file mode and rewrites through a symlink.
tree=$tmp/tree
mkdir -p "$tree/b/.hidden" "$tree/a"
site='import asyncio\n\n\nasync def f():\n    return 1\n\n\nasync def main():\n    return asyncio.ensure_future(f())\n'
for p in b/two.py a/one.py b/.hidden/skip.py b/notes.txt top.py; do
    printf '%b' "$site" >"$tree/$p"
done
"$LOOPLAB" migrate --check "$tree" >"$tmp/walk.out" 2>&1
rc=$?
check "walk: status $rc, expected 1" [ "$rc" = 1 ]
check "walk: wrong files or order" \
    [ "$(grep -o '^[^:]*' "$tmp/walk.out" | head -n 3 | tr '\n' ' ')" = \
      "$tree/a/one.py $tree/b/two.py $tree/top.py " ]
check "walk: summary" grep -q '^migrate: 3 sites in 3 files, 3 to rewrite' \
    "$tmp/walk.out"
chmod 640 "$tree/top.py"
ln -s top.py "$tree/link.py"
"$LOOPLAB" migrate --write "$tree/link.py" >/dev/null 2>&1
check "write: symlink replaced" [ -L "$tree/link.py" ]
check "write: target not rewritten" grep -q 'asyncio.create_task(f())' \
    "$tree/top.py"
check "write: mode not kept" [ "$(stat -c %a "$tree/top.py")" = 640 ]

# The tokenizer against Python's own, on the corpus.
if [ $have_python = 1 ]; then
    if python3 "$root/tests/migrate/tokcheck.py" "$LOOPLAB migrate --tokens" \
        "$corpus"/*.py >"$tmp/tokcheck.out" 2>&1; then
        ok
    else
        bad "tokcheck: $(tail -n 3 "$tmp/tokcheck.out")"
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
