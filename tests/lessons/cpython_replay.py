#!/usr/bin/env python3
"""cpython_replay.py - do the lessons tell the truth about CPython?

Replays the REPL sessions of lessons/NN-*.md under the python3 running this
script (meant for CPython 3.11, the version looplab follows) and compares
what Python prints with what the lessons say it prints.

    python3 tests/lessons/cpython_replay.py lessons/*.md

How a looplab session is reproduced in CPython
----------------------------------------------
looplab's REPL (asyncio mode) holds an event loop that counts as running
but only moves on :step / :tick / :run or an await at the prompt. Here:

- a real asyncio event loop (the C Task and Future, as in python3) whose
  clock is virtual: time() returns a counter that the selector's timeout
  advances instead of sleeping, so sleep(5) takes no time and runs in the
  same order as on a real clock;
- that loop is set as the running loop (asyncio.events._set_running_loop)
  while statements run, as python -m asyncio does, so create_task works
  at the prompt;
- statements are compiled like the asyncio REPL's ('single' mode, top-level
  await allowed): a statement with await becomes a Task run until done;
- :step N pops and runs N handles of the ready queue, :tick runs whole
  iterations, :run runs until nothing is ready and no timer is left, all
  as BaseEventLoop._run_once does them (due timers appended after the
  ready handles, a snapshot of the queue per iteration);
- :mode script switches to a plain prompt with no running loop
  (asyncio.run, run_until_complete and new loops then run the real
  run_forever, on the same virtual clock);
- every session (a lesson, an exercise, the part after :reset or :mode)
  runs in a forked process, so task names count from Task-1 as in looplab.

What is compared, and what is not
---------------------------------
For each statement: the lines Python prints (results, print(), the header
and the last line of a traceback), after normalising addresses (0x...) and
file paths (directories dropped), against the lesson's lines for the same
statement. Not compared: looplab's narration ("  ~ " lines) and the output
of looplab's inspection commands (:ready, :timers, :tasks, :trace, :why,
:help, :mode, :reset), which have no CPython counterpart; traceback stacks
(they name looplab's internals); warnings and asyncio log records ("never
awaited", "Task was destroyed"), whose timing depends on when memory is
reclaimed (reference counting in CPython, a collector in looplab).
Exercises: the reference solution (after its setup) must run, and each
"output contains" check must hold on CPython's output; the checks on the
trace have no CPython counterpart and are left to `looplab lesson --check`.

Known limit: equal-time timers (four or more at the very same virtual
time) pop in heapq order here, in scheduling order in looplab (TRACE.md);
the lessons avoid them.
"""
import ast
import asyncio
import asyncio.events
import heapq
import io
import json
import os
import re
import sys
import traceback
import types

NARRATION = "  ~ "
SKIPPED_COMMANDS = {"ready", "timers", "tasks", "trace", "why", "help",
                    "load", "quit", "q"}


# ==== Lessons ================================================================

def parse_lesson(path):
    """Returns (segments of statements, exercises). A statement is a dict:
    line, input (list of lines), expected (output lines)."""
    statements, exercises = [], []
    fence = None
    cur = None
    ex = None
    lines = open(path, encoding="utf-8").read().split("\n")
    for no, raw in enumerate(lines, 1):
        line = raw.rstrip()
        stripped = line.lstrip()
        if fence is None:
            if stripped.startswith("```"):
                info = stripped.strip("`").strip()
                fence = info
                if info in ("looplab setup", "looplab solution"):
                    ex[info.split()[1]] = []
                continue
            m = re.match(r"<!--\s*exercise:\s*(.*?)\s*-->", line)
            if m:
                ex = {"title": m.group(1), "checks": [], "line": no}
                exercises.append(ex)
            m = re.match(r"<!--\s*check:\s*(.*?)\s*-->", line)
            if m and ex is not None:
                ex["checks"].append(m.group(1))
            continue
        if stripped.startswith("```") and stripped.strip("`") == "":
            fence = None
            cur = None
            continue
        if fence == "looplab":
            if line == ">>>" or line.startswith(">>> "):
                cur = {"line": no, "input": [line[4:]], "expected": []}
                statements.append(cur)
            elif (line == "..." or line.startswith("... ")) and cur \
                    and not cur["expected"]:
                cur["input"].append(line[4:])
            elif cur is not None:
                cur["expected"].append(line)
        elif fence in ("looplab setup", "looplab solution"):
            ex[fence.split()[1]].append(raw)
    return statements, exercises


# ==== Normalising output =====================================================

PATH = re.compile(r"(?:[A-Za-z]:)?(?:/[^\s/:'\"<>()]+)+/([^\s/:'\"<>()]+)")
ADDR = re.compile(r"0x[0-9a-fA-F]+")
NOISE = [
    re.compile(r"^\S+:\d+: \w*Warning: "),
    re.compile(r"^\w*Warning: Enable tracemalloc"),
    re.compile(r"^Task was destroyed but it is pending!"),
    re.compile(r"^Task exception was never retrieved"),
    re.compile(r"^(task|future|handle): <"),
    re.compile(r"^Exception in callback "),
    re.compile(r"^Unhandled error in exception handler"),
]


def normalise(lines):
    out = []
    in_tb = False
    for line in lines:
        line = line.rstrip()
        if line.startswith(NARRATION):
            continue
        if in_tb and line.startswith(" "):
            continue
        in_tb = False
        if any(p.search(line) for p in NOISE):
            continue
        line = ADDR.sub("0x?", PATH.sub(r"\1", line))
        out.append(line)
        if line == "Traceback (most recent call last):":
            in_tb = True
    while out and out[-1] == "":
        out.pop()
    return out


# ==== A held loop on a virtual clock =========================================

class VirtualLoop(asyncio.SelectorEventLoop):
    """A real asyncio loop whose time jumps instead of passing."""

    def __init__(self):
        super().__init__()
        self._vt = 0.0
        real = self._selector.select
        loop = self

        def select(timeout=None):
            if timeout is None:
                raise RuntimeError("deadlock: nothing ready, no timer")
            if timeout > 0:
                loop._vt += timeout
            return real(0)
        self._selector.select = select

    def time(self):
        return self._vt


class Session:
    def __init__(self, script_mode):
        asyncio.get_event_loop_policy()._loop_factory = VirtualLoop
        self.script = script_mode
        self.ns = {"__name__": "__main__", "__builtins__": __builtins__}
        self.loop = None
        self.iter_left = 0
        if not script_mode:
            self.ns["asyncio"] = asyncio
            self.loop = VirtualLoop()
            asyncio.set_event_loop(self.loop)

    # -- BaseEventLoop._run_once, split as looplab's drive.c splits it --
    def begin(self):
        loop = self.loop
        sched = loop._scheduled
        while sched and sched[0]._cancelled:
            loop._timer_cancelled_count -= 1
            heapq.heappop(sched)._scheduled = False
        if not loop._ready and not loop._stopping:
            if not sched:
                return False
            wait = min(max(0.0, sched[0]._when - loop.time()), 86400)
            loop._vt += wait
        end = loop.time() + loop._clock_resolution
        while sched and sched[0]._when < end:
            h = heapq.heappop(sched)
            h._scheduled = False
            loop._ready.append(h)
        self.iter_left = len(loop._ready)
        return True

    def run_one(self):
        loop = self.loop
        if self.iter_left <= 0 or not loop._ready:
            self.iter_left = 0
            return
        self.iter_left -= 1
        h = loop._ready.popleft()
        if not h._cancelled:
            h._run()

    def drive(self, mode, n=0, until=None):
        ran = ticks = 0
        while True:
            if mode == "until" and until.done():
                break
            if mode == "step" and ran >= n:
                break
            if mode == "tick" and ticks >= n and self.iter_left == 0:
                break
            if self.iter_left <= 0:
                if not self.begin():
                    break
                ticks += 1
                if self.iter_left == 0:
                    continue
            self.run_one()
            ran += 1
            if mode == "tick" and self.iter_left == 0 and ticks >= n:
                break
            if self.loop._stopping and self.iter_left == 0:
                self.loop._stopping = False
                break

    # -- statements --
    def command(self, text):
        name, _, arg = text[1:].partition(" ")
        arg = arg.strip()
        if self.script and name in ("step", "tick", "run"):
            return
        if name in ("step", "tick"):
            self.drive(name, int(arg or 1))
        elif name == "run" and not arg:
            self.drive("idle")
        elif name == "run":
            task = [t for t in asyncio.all_tasks(self.loop)
                    if t.get_name() == arg]
            if task:
                self.drive("until", until=task[0])

    def statement(self, src):
        flags = 0 if self.script else ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
        try:
            code = compile(src, "<stdin>", "single", flags=flags)
            if code.co_flags & 0x80:  # CO_COROUTINE: top-level await
                coro = types.FunctionType(code, self.ns)()
                task = self.loop.create_task(coro)
                self.drive("until", until=task)
                if task.done():
                    task.result()
            else:
                exec(code, self.ns)
        except SystemExit:
            raise
        except BaseException as e:
            print("Traceback (most recent call last):")
            print("".join(traceback.format_exception_only(type(e), e)),
                  end="")

    def feed(self, lines):
        """Runs one statement; returns what it printed."""
        buf = io.StringIO()
        old = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = buf
        if self.loop is not None:
            asyncio.events._set_running_loop(self.loop)
        try:
            text = "\n".join(lines).strip()
            if text.startswith(":"):
                self.command(text)
            elif text:
                self.statement("\n".join(lines) + "\n")
        finally:
            asyncio.events._set_running_loop(None)
            sys.stdout, sys.stderr = old
        return buf.getvalue()


def run_segment(script_mode, inputs):
    """Runs [inputs] (lists of lines) in a fresh forked process; returns
    what each printed."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        out = []
        try:
            s = Session(script_mode)
            for lines in inputs:
                out.append(s.feed(lines))
        except BaseException as e:  # a crash: report what we have
            out.append("harness error: %r" % (e,))
        with os.fdopen(w, "w") as f:
            json.dump(out, f)
        os._exit(0)
    os.close(w)
    with os.fdopen(r) as f:
        data = f.read()
    os.waitpid(pid, 0)
    return json.loads(data) if data else ["harness died"]


def segments(statements):
    """Splits at :reset and :mode: each part runs in its own session."""
    mode_script = False
    part = []
    for st in statements:
        text = "\n".join(st["input"]).strip()
        if text == ":reset" or text.startswith(":mode "):
            if part:
                yield mode_script, part
            part = []
            if text.startswith(":mode "):
                mode_script = text.split()[1] == "script"
            continue
        part.append(st)
    if part:
        yield mode_script, part


# ==== Checking ===============================================================

def check_lesson(path):
    statements, exercises = parse_lesson(path)
    problems = compared = 0
    for script_mode, part in segments(statements):
        got = run_segment(script_mode, [st["input"] for st in part])
        for st, out in zip(part, got):
            text = "\n".join(st["input"]).strip()
            if text.startswith(":") and text[1:].split(" ")[0] in \
                    SKIPPED_COMMANDS:
                continue
            want = normalise(st["expected"])
            have = normalise(out.split("\n"))
            compared += 1
            if want != have:
                problems += 1
                print("%s:%d: CPython prints something else" %
                      (path, st["line"]))
                for l in want:
                    print("    lesson  | " + l)
                for l in have:
                    print("    CPython | " + l)
    for ex in exercises:
        lines = ex.get("setup", []) + [""] + ex.get("solution", [])
        inputs, cur = [], []
        # Statements as the REPL groups them: a blank line ends a block.
        for line in lines:
            if not cur and not line.strip():
                continue
            if not cur and line.strip().startswith(":"):
                inputs.append([line])
                continue
            cur.append(line)
            src = "\n".join(cur) + "\n"
            try:
                incomplete = ast.parse(src) is None
            except SyntaxError:
                incomplete = True
            opener = cur[0].rstrip().endswith(":")
            if (not opener and not incomplete) or (opener and not line.strip()):
                inputs.append(cur)
                cur = []
        if cur:
            inputs.append(cur)
        script_mode = False
        if inputs and inputs[0][0].strip() == ":mode script":
            script_mode = True
            inputs = inputs[1:]
        out = "\n".join(normalise("".join(run_segment(script_mode, inputs))
                                  .split("\n")))
        for chk in ex["checks"]:
            if chk.startswith("output contains "):
                want = chk[len("output contains "):].replace("\\n", "\n")
                compared += 1
                if want not in out:
                    problems += 1
                    print("%s:%d: exercise '%s': under CPython the output "
                          "has no %r" % (path, ex["line"], ex["title"], want))
    return problems, compared


def main(argv):
    if len(argv) < 2:
        print("usage: cpython_replay.py LESSON.md...", file=sys.stderr)
        return 2
    bad = good = 0
    for path in argv[1:]:
        problems, compared = check_lesson(path)
        if problems:
            bad += 1
            print("FAIL %s (%d of %d statements differ)" %
                  (path, problems, compared))
        else:
            good += 1
            print("ok   %s (%d statements and checks agree with CPython %s)"
                  % (path, compared, sys.version.split()[0]))
    print("%d passed, %d failed" % (good, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
