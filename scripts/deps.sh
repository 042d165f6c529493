#!/usr/bin/env bash
# Makes sure what looplab needs to build (and, for MODE test or fuzz, to test
# or fuzz) is installed, installing only what is missing with apt-get.  Runs
# before every `make run`/`make test`, so when nothing is missing it is quick
# and prints nothing.
#
#   scripts/deps.sh MODE      MODE: run (default), test or fuzz
set -euo pipefail

mode=${1:-run}
case $mode in
run | test | fuzz) ;;
*)
    echo "usage: scripts/deps.sh run|test|fuzz" >&2
    exit 2
    ;;
esac

# True if clang can build and link a libFuzzer target.
have_libfuzzer() {
    local dir ok=1
    dir=$(mktemp -d) || return 1
    printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)' \
        '{ (void)d; (void)n; return 0; }' >"$dir/f.c"
    clang -fsanitize=fuzzer -o "$dir/f" "$dir/f.c" >/dev/null 2>&1 || ok=0
    rm -rf "$dir"
    [ "$ok" = 1 ]
}

# Debian package holding the libFuzzer runtime of the installed clang.
libfuzzer_package() {
    local major
    major=$(clang --version |
        sed -n 's/.*clang version \([0-9][0-9]*\).*/\1/p' | head -n 1)
    echo "libclang-rt-${major:-14}-dev"
}

# Sets `missing` to the packages whose command or library is absent.
find_missing() {
    missing=()
    command -v cc >/dev/null || missing+=(gcc)
    [ -e /usr/include/stdio.h ] || missing+=(libc6-dev)
    command -v make >/dev/null || missing+=(make)
    local libs=(ncursesw:libncurses-dev readline:libreadline-dev)
    [ "$mode" = test ] && libs+=(cmocka:libcmocka-dev)
    if command -v pkg-config >/dev/null; then
        local lib
        for lib in "${libs[@]}"; do
            pkg-config --exists "${lib%%:*}" || missing+=("${lib#*:}")
        done
    else
        # Without pkg-config the libraries cannot be checked: ask for them
        # all, apt-get skips those already installed.
        missing+=(pkg-config "${libs[@]#*:}")
    fi
    if [ "$mode" = test ]; then
        command -v tmux >/dev/null || missing+=(tmux)
    fi
    if [ "$mode" = fuzz ]; then
        if ! command -v clang >/dev/null; then
            missing+=(clang)
        elif ! have_libfuzzer; then
            missing+=("$(libfuzzer_package)")
        fi
    fi
}

find_missing
[ "${#missing[@]}" = 0 ] && exit 0

if [ "$EUID" = 0 ]; then
    as_root=()
elif command -v sudo >/dev/null; then
    as_root=(sudo)
else
    as_root=(none)
fi
if ! command -v apt-get >/dev/null || [ "${as_root[*]}" = none ]; then
    echo "deps.sh: missing packages: ${missing[*]}" >&2
    echo "deps.sh: cannot install them (needs apt-get, and root or sudo);" \
        "install them by hand (Debian/Ubuntu names)." >&2
    exit 1
fi

apt() {
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@"
}

# Installing clang can reveal one more package (its libFuzzer runtime), so
# go on while each round changes what is missing.
updated=0
while [ "${#missing[@]}" != 0 ]; do
    tried="${missing[*]}"
    echo "deps.sh: installing $tried" >&2
    if [ "$updated" = 0 ]; then
        apt update -qq >&2 || {
            echo "deps.sh: apt-get update failed" >&2
            exit 1
        }
        updated=1
    fi
    apt install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
        echo "deps.sh: could not install: $tried" >&2
        exit 1
    }
    find_missing
    if [ "${missing[*]}" = "$tried" ]; then
        echo "deps.sh: still missing after installing: $tried" >&2
        exit 1
    fi
done
