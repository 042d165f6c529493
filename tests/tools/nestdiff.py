#!/usr/bin/env python3
"""nestdiff.py - random nestings of try/except/except*/finally/with/loops,
run under python3 and looplab, outputs compared.

    python3 tests/tools/nestdiff.py [--looplab ./looplab] [--from 1] [--count 200]

Each seed makes one program: three functions (a plain one, a generator,
also thrown into and closed half way, and a coroutine run by asyncio.run)
whose bodies nest the statements that open blocks (try/except,
try/finally, try/except/else/finally, except*, with of two managers, for,
while; async with and async for in the coroutine) up to six deep, with
raise, return, break, continue, yield and await at the leaves. Prints the
seeds whose stdout or exit status differ, or where looplab crashed
(a signal) or stopped with an internal error, and keeps those programs in
/tmp/nestdiff/. Needs python3 (3.11); not part of make test, which needs
no Python: a developer's tool for the compiler's block handling (it found
the finally-unwinding fblock overwrite and except*'s end). Exit status 1
when any seed differs.
"""
import argparse
import os
import random
import subprocess
import sys

LEAVES = ["print(%d)", "raise ValueError(%d)", "pass", "x = [i for i in range(%d)]"]


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.names = 0

    def leaf(self, pad, ctx):
        r = self.rng
        c = r.choice(LEAVES)
        c = c % r.randint(0, 3) if "%d" in c else c
        if ctx.get("gen") and r.random() < 0.2:
            c = "yield %d" % r.randint(0, 9)
        if ctx.get("aio") and r.random() < 0.3:
            c = r.choice(["await asyncio.sleep(0)", "await tick(%d)" %
                          r.randint(0, 9)])
        if ctx.get("loop") and not ctx.get("star") and r.random() < 0.25:
            c = r.choice(["break", "continue"])
        if not ctx.get("star") and r.random() < 0.08:
            c = "return %d" % r.randint(0, 9)
        return [pad + c]

    def block(self, depth, ind, ctx):
        r = self.rng
        pad = "    " * ind
        if depth == 0 or r.random() < 0.25:
            return self.leaf(pad, ctx)
        kinds = ["except", "finally", "all", "star", "with", "for", "while"]
        if ctx.get("aio"):
            kinds += ["awith", "afor"]
        kind = r.choice(kinds)
        sub = lambda c=ctx: self.block(depth - 1, ind + 1, c)
        out = []
        if kind == "except":
            out += [pad + "try:"] + sub()
            out += [pad + "except ValueError:"] + sub()
            out += [pad + "except Exception:", pad + "    pass"]
        elif kind == "finally":
            out += [pad + "try:"] + sub() + [pad + "finally:"] + sub()
        elif kind == "all":
            out += [pad + "try:"] + sub()
            out += [pad + "except ValueError:"] + sub()
            out += [pad + "else:"] + sub() + [pad + "finally:"] + sub()
        elif kind == "star":
            # break, continue and return may not appear in an except* clause
            star = dict(ctx, star=True, loop=False)
            out += [pad + "try:"] + sub()
            out += [pad + "except* ValueError:"] + sub(star)
            out += [pad + "except* Exception:", pad + "    pass"]
        elif kind == "with":
            out += [pad + "with CM(), CM():"] + sub()
        elif kind == "for":
            out += [pad + "for _ in range(2):"] + sub(dict(ctx, loop=True))
        elif kind == "awith":
            out += [pad + "async with ACM():"] + sub()
        elif kind == "afor":
            out += [pad + "async for _ in AIter(2):"] + sub(dict(ctx, loop=True))
        else:
            self.names += 1
            v = "n%d" % self.names
            out += [pad + v + " = 0", pad + "while %s < 2:" % v,
                    pad + "    %s += 1" % v] + sub(dict(ctx, loop=True))
        return out

    def program(self):
        lines = ["import asyncio",
                 "class CM:",
                 "    def __enter__(self): return self",
                 "    def __exit__(self, *a): return self is None",
                 "class ACM:",
                 "    async def __aenter__(self): await asyncio.sleep(0)",
                 "    async def __aexit__(self, t, v, tb):",
                 "        await asyncio.sleep(0)",
                 "        return t is KeyError",
                 "class AIter:",
                 "    def __init__(self, n): self.n = n",
                 "    def __aiter__(self): return self",
                 "    async def __anext__(self):",
                 "        await asyncio.sleep(0)",
                 "        if self.n == 0: raise StopAsyncIteration",
                 "        self.n -= 1",
                 "        return self.n",
                 "async def tick(n):",
                 "    await asyncio.sleep(0)",
                 "    print('tick', n)",
                 "",
                 "def f():"]
        lines += self.block(6, 1, {})
        lines += ["    return 0", "", "def g():"]
        lines += self.block(5, 1, {"gen": True})
        lines += ["    yield 0", "", "async def h():"]
        lines += self.block(5, 1, {"aio": True})
        lines += ["    return 0", "",
                  "def part():",
                  "    it = g()",
                  "    out = [next(it, None)]",
                  "    try:",
                  "        out.append(it.throw(KeyError(1)))",
                  "    except BaseException as e:",
                  "        out.append(type(e).__name__)",
                  # closed until it is done: one left suspended would be
                  # finalized when CPython drops it and at a collection
                  # in looplab, which orders its prints differently
                  "    for _ in range(10):",
                  "        try:",
                  "            it.close()",
                  "            break",
                  "        except RuntimeError as e:",
                  "            out.append(str(e))",
                  "    return out", ""]
        for call in ("f()", "list(g())", "part()", "asyncio.run(h())"):
            lines += ["try:", "    print(%s)" % call,
                      "except BaseException as e:",
                      "    print(type(e).__name__, e)"]
        return "\n".join(lines) + "\n"


def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, "", "timeout"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--looplab", default="./looplab")
    ap.add_argument("--from", dest="start", type=int, default=1)
    ap.add_argument("--count", type=int, default=200)
    args = ap.parse_args()
    os.makedirs("/tmp/nestdiff", exist_ok=True)
    bad = 0
    for seed in range(args.start, args.start + args.count):
        src = Gen(random.Random(seed)).program()
        path = "/tmp/nestdiff/p%d.py" % seed
        with open(path, "w") as f:
            f.write(src)
        want = run([sys.executable, path])
        got = run([args.looplab, "run", path])
        why = None
        if got[0] is None or want[0] is None:
            why = "timeout"
        elif got[0] < 0 or got[0] >= 128:
            why = "crash (status %d)" % got[0]
        elif "internal error" in got[2]:
            why = "internal error"
        elif (got[0], got[1]) != (want[0], want[1]):
            why = "differs"
        if why:
            bad += 1
            print("seed %d: %s (%s)" % (seed, why, path))
        else:
            os.remove(path)
    print("%d of %d programs agree" % (args.count - bad, args.count))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
