# A failed task's get_stack() and print_stack() follow its exception's
# traceback (base_tasks._task_get_stack), whose tb_frame is the frame
# each entry ran in, kept with the exception.
# (Recorded under python3 with its C _asyncio: the oracle's pure-Python
# Future and Task would add their own frames to the traceback.)
import asyncio
import sys


class Buf:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


def show(label, buf):
    # Paths differ (CPython makes the script's absolute): names only.
    for line in "".join(buf.parts).splitlines():
        if line.startswith("Traceback for"):
            line = "Traceback for <Task> (most recent call last):"
        elif line.startswith('  File "'):
            line = "  File ..., " + line.split(", ", 1)[1]
        print(label, "|", line)


def helper(n):
    x = n * 2
    raise ValueError(f"bad {x}")


async def job(n):
    await asyncio.sleep(0)
    helper(n)


async def main():
    t = asyncio.create_task(job(3))
    try:
        await t
    except ValueError as e:
        print("caught", e)
    frames = t.get_stack()
    print([(f.f_code.co_name, f.f_lineno) for f in frames])
    print(len(t.get_stack(limit=1)))
    # Where each part goes: with a file, all of it there; without one, the
    # header and the exception's line to stdout (print's default) and
    # the listing to stderr (traceback.print_list's), as 3.11 does.
    out, err = Buf(), Buf()
    t.print_stack(file=out)
    show("file", out)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        out.parts = []
        t.print_stack()
    finally:
        sys.stdout, sys.stderr = saved
    show("stdout", out)
    show("stderr", err)
    tb = t.exception().__traceback__
    while tb:
        print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_lineno)
        tb = tb.tb_next


asyncio.run(main())
