#!/usr/bin/env python3
"""tokcheck.py - compares looplab's migrate tokenizer with CPython's.

Usage: tokcheck.py DUMP_COMMAND FILE...

DUMP_COMMAND (one shell word, e.g. "./looplab migrate --tokens") prints one
token per line, "TYPE START END LINE COL" with byte offsets, or "ERROR
LINE MESSAGE". For every FILE the dump must match the tokenize module
(ENCODING dropped, operators all OP) in types and byte spans; a file that
tokenize rejects must be rejected too. Zero-width tokens (DEDENT, the
NEWLINE added at EOF, ENDMARKER) are compared by type and order only,
since tokenize places them by character column. Prints one line per
failing file and "tokcheck: N files, M differ"; exits 1 when any differ.
"""
import io
import shlex
import subprocess
import sys
import tokenize


def python_tokens(data):
    """(type, start, end) triples with byte offsets, or None on error."""
    lines = data.splitlines(keepends=True) or [b""]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    try:
        enc = tokenize.detect_encoding(io.BytesIO(data).readline)[0]
    except SyntaxError:
        return None
    text_lines = [l.decode(enc, "replace") for l in lines]
    if enc == "utf-8-sig":
        enc = "utf-8"
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0

    def off(row, col):
        if row - 1 >= len(lines):
            return len(data)
        prefix = text_lines[row - 1][:col]
        if row == 1 and bom:
            return bom + len(prefix.encode(enc))
        return starts[row - 1] + len(prefix.encode(enc))

    out = []
    try:
        for tok in tokenize.tokenize(io.BytesIO(data).readline):
            if tok.type == tokenize.ENCODING:
                continue
            name = tokenize.tok_name[tok.type]
            if name == "ERRORTOKEN":
                return None
            s = off(*tok.start)
            e = off(*tok.end)
            if tok.type in (tokenize.DEDENT, tokenize.ENDMARKER) or (
                    tok.type == tokenize.NEWLINE and tok.string == ""):
                s = e = None
            out.append((name, s, e))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    return out


def ours(cmd, path):
    res = subprocess.run(cmd + [path], capture_output=True)
    out = []
    for line in res.stdout.decode().splitlines():
        parts = line.split()
        if parts[0] == "ERROR":
            return None
        name, s, e = parts[0], int(parts[1]), int(parts[2])
        if name in ("DEDENT", "ENDMARKER") or (name == "NEWLINE" and s == e):
            s = e = None
        out.append((name, s, e))
    return out


def main():
    cmd = shlex.split(sys.argv[1])
    bad = 0
    files = sys.argv[2:]
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        want = python_tokens(data)
        got = ours(cmd, path)
        if want is None and got is None:
            continue
        if want is None or got is None:
            print(f"{path}: tokenize {'rejects' if want is None else 'accepts'}"
                  f" but migrate {'rejects' if got is None else 'accepts'}")
            bad += 1
            continue
        if want != got:
            for i, (w, g) in enumerate(zip(want, got)):
                if w != g:
                    print(f"{path}: token {i}: tokenize {w}, migrate {g}")
                    break
            else:
                print(f"{path}: {len(want)} tokens from tokenize, "
                      f"{len(got)} from migrate")
            bad += 1
    print(f"tokcheck: {len(files)} files, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
