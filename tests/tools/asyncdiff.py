#!/usr/bin/env python3
"""asyncdiff.py - random asyncio programs, run under the CPython oracle and
looplab, results and traces compared.

    python3 tests/tools/asyncdiff.py [--looplab ./looplab] [--family 1]
                                     [--from 1] [--count 100]

Each seed makes one program of a family:

1. tasks awaiting shared futures, an Event and a Lock, wait_for,
   shield, gather (nested, with and without return_exceptions), wait,
   sleeps; main cancels tasks (with and without a message), completes,
   fails and cancels the futures, then gathers everything;
2. TaskGroup (with except*), asyncio.timeout(), Semaphore, Condition,
   Queue with waiters on both sides, loop callbacks, task names,
   ensure_future;
3. async generators and async comprehensions, exceptions raised in loop
   callbacks (the default exception handler), timeouts rescheduled,
   shielded tasks, done callbacks, cancelling() and uncancel().

Both runs are compared as shared/oracle/compare.py does (exit status,
stdout, the last line of stderr, the trace). Prints the seeds that differ
and keeps their programs and results in /tmp/asyncdiff/ (expected/ and
actual/). A difference that tests/conformance/known_differences explains
(an async generator finished by an exception, which CPython keeps alive
in a reference cycle until shutdown_asyncgens acloses it: traces with an
extra async_generator_athrow task) is counted apart. Needs python3 (3.11)
and ../shared/oracle; not part of make test. Exit status 1 when a seed
differs otherwise.
"""
import argparse
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
ORACLE = os.path.join(ROOT, '..', 'shared', 'oracle')
DELAYS = ['0', '0', '0.001', '0.002', '0.005']


class Prog:
    """Lines of a program being written, with the seed's generator."""

    def __init__(self, rng):
        self.r = rng
        self.lines = ['import asyncio', '', '']

    def add(self, *lines):
        self.lines.extend(lines)

    def text(self):
        return '\n'.join(self.lines) + '\n'


# ---- family 1: futures, Event, Lock, wait_for, shield, gather, wait -------

def f1_step(p, r, w, i, depth, ind, nf):
    s = ' ' * ind
    tag = 'w%d.%s' % (w, i)
    k = r.randrange(14)
    if k == 0:
        return [s + 'await asyncio.sleep(%s)' % r.choice(DELAYS),
                s + 'print("%s slept")' % tag]
    if k == 1:
        return [s + 'print("%s fut", await futs[%d])' % (tag, r.randrange(nf))]
    if k == 2:
        return [s + 'print("%s ev", await ev.wait())' % tag]
    if k == 3:
        return [s + 'async with lock:', s + '    print("%s locked")' % tag,
                s + '    await asyncio.sleep(%s)' % r.choice(DELAYS)]
    if k == 4:
        t = r.choice(['0.001', '0.003', '0.01', 'None'])
        return [s + 'try:',
                s + '    print("%s wf", await asyncio.wait_for('
                'asyncio.sleep(%s, "%s"), %s))' % (tag, r.choice(DELAYS), tag, t),
                s + 'except asyncio.TimeoutError:',
                s + '    print("%s timeout")' % tag]
    if k == 5 and depth < 2:
        n = r.randint(1, 3)
        nm = str(i).replace('.', '_')
        out = []
        for j in range(n):
            out.append(s + 'async def sub%d_%s_%d():' % (w, nm, j))
            for q in range(r.randint(1, 2)):
                out += f1_step(p, r, w, '%s.%d.%d' % (i, j, q), depth + 1,
                               ind + 4, nf)
            out.append(s + '    return "%s.%d"' % (tag, j))
        subs = ', '.join('sub%d_%s_%d()' % (w, nm, j) for j in range(n))
        out.append(s + 'print("%s g", await asyncio.gather(%s, '
                   'return_exceptions=%s))' % (tag, subs,
                                               r.choice(['True', 'False'])))
        return out
    if k == 6:
        return [s + 'if %s:' % (r.random() < 0.5),
                s + '    raise ValueError("%s")' % tag]
    if k == 7 and depth < 2:
        inner = []
        for q in range(r.randint(1, 2)):
            inner += f1_step(p, r, w, '%s.%d' % (i, q), depth + 1, ind + 4, nf)
        act = r.choice(['raise', 'return "swallowed"', 'pass'])
        return ([s + 'try:'] + inner +
                [s + 'except asyncio.CancelledError as e:',
                 s + '    print("%s cancelled", e.args)' % tag,
                 s + '    ' + act])
    if k == 8:
        return [s + 'await asyncio.sleep(0)',
                s + 't = asyncio.current_task()',
                s + 'print("%s", t.get_name(), t.cancelling())' % tag]
    if k == 9 and depth < 2:
        return [s + 'try:',
                s + '    print("%s sh", await asyncio.shield(futs[%d]))'
                % (tag, r.randrange(nf)),
                s + 'except asyncio.CancelledError:',
                s + '    print("%s shield cancelled")' % tag, s + '    raise']
    if k == 10:
        return [s + 'print("%s tasks", len(asyncio.all_tasks()))' % tag]
    if k == 11:
        return [s + 'done, pending = await asyncio.wait([futs[%d]], '
                'timeout=%s)' % (r.randrange(nf),
                                 r.choice(['0', '0.002', 'None'])),
                s + 'print("%s wait", len(done), len(pending))' % tag]
    return [s + 'await asyncio.sleep(%s)' % r.choice(DELAYS)]


def family1(r):
    p = Prog(r)
    nf, nw = r.randint(1, 3), r.randint(2, 5)
    for w in range(nw):
        p.add('async def w%d(futs, ev, lock):' % w)
        for i in range(r.randint(1, 5)):
            p.add(*f1_step(p, r, w, i, 0, 4, nf))
        p.add('    return "w%d done"' % w, '', '')
    p.add('async def main():',
          '    loop = asyncio.get_running_loop()',
          '    futs = [loop.create_future() for _ in range(%d)]' % nf,
          '    ev = asyncio.Event()', '    lock = asyncio.Lock()',
          '    tasks = [asyncio.create_task(w(futs, ev, lock)) for w in [%s]]'
          % ', '.join('w%d' % w for w in range(nw)))
    for s in range(r.randint(2, 10)):
        k = r.randrange(8)
        f = r.randrange(nf)
        if k == 0:
            p.add('    await asyncio.sleep(%s)' % r.choice(DELAYS))
        elif k == 1:
            t = r.randrange(nw)
            p.add('    print("cancel %d", tasks[%d].cancel(%s))'
                  % (t, t, r.choice(['', '"stop"'])))
        elif k == 2:
            p.add('    if not futs[%d].done(): futs[%d].set_result(%d)'
                  % (f, f, s))
        elif k == 3:
            p.add('    if not futs[%d].done(): futs[%d].set_exception('
                  'KeyError(%d))' % (f, f, s))
        elif k == 4:
            p.add('    ev.set()')
        elif k == 5:
            p.add('    print("fcancel", futs[%d].cancel())' % f)
        elif k == 6:
            p.add('    await asyncio.sleep(0)')
        else:
            p.add('    print("states", [t.done() for t in tasks])')
    p.add('    ev.set()',
          '    for i, f in enumerate(futs):',
          '        if not f.done(): f.set_result(f"late{i}")',
          '    res = await asyncio.gather(*tasks, return_exceptions=True)',
          '    print([repr(x) for x in res])',
          '    print([f.cancelled() or (f.exception() if f.exception() '
          'else f.result()) for f in futs])', '', '',
          'asyncio.run(main())')
    return p.text()


# ---- family 2: TaskGroup, timeout, Semaphore, Condition, Queue ------------

def f2_step(r, w, i, depth, ind):
    s = ' ' * ind
    tag = 'w%d_%s' % (w, i)
    k = r.randrange(13)
    if k == 0:
        return [s + 'await asyncio.sleep(%s)' % r.choice(DELAYS),
                s + 'print("%s slept")' % tag]
    if k == 1:
        return [s + 'async with sem:',
                s + '    print("%s sem", sem.locked())' % tag,
                s + '    await asyncio.sleep(%s)' % r.choice(DELAYS)]
    if k == 2:
        return [s + 'async with cond:',
                s + '    cond.notify(%d)' % r.randint(1, 2),
                s + '    print("%s notified")' % tag]
    if k == 3:
        return [s + 'async with cond:', s + '    try:',
                s + '        await asyncio.wait_for(cond.wait(), %s)'
                % r.choice(['0.001', '0.004']),
                s + '        print("%s woke")' % tag,
                s + '    except asyncio.TimeoutError:',
                s + '        print("%s cond timeout")' % tag]
    if k == 4:
        return [s + 'await q.put("%s")' % tag,
                s + 'print("%s put", q.qsize())' % tag]
    if k == 5:
        return [s + 'try:',
                s + '    print("%s got", await asyncio.wait_for(q.get(), %s))'
                % (tag, r.choice(['0.001', '0.003'])),
                s + 'except asyncio.TimeoutError:',
                s + '    print("%s get timeout")' % tag]
    if k == 6 and depth < 2:
        out = [s + 'try:',
               s + '    async with asyncio.timeout(%s):'
               % r.choice(['0.001', '0.003', 'None'])]
        for q in range(r.randint(1, 2)):
            out += f2_step(r, w, '%s_%d' % (i, q), depth + 1, ind + 8)
        return out + [s + 'except TimeoutError:',
                      s + '    print("%s timed out")' % tag]
    if k == 7 and depth < 2:
        n = r.randint(1, 3)
        out = []
        for j in range(n):
            out.append(s + 'async def c%s_%d():' % (tag, j))
            for q in range(r.randint(1, 2)):
                out += f2_step(r, w, '%s_%d_%d' % (i, j, q), depth + 1,
                               ind + 4)
            if r.random() < 0.3:
                out.append(s + '    raise KeyError("%s_%d")' % (tag, j))
            out.append(s + '    return "%s_%d"' % (tag, j))
        out += [s + 'try:', s + '    async with asyncio.TaskGroup() as tg:']
        for j in range(n):
            nm = ', name="tg%s_%d"' % (tag, j) if r.random() < 0.5 else ''
            out.append(s + '        tg.create_task(c%s_%d()%s)' % (tag, j, nm))
        return out + [s + '    print("%s tg ok")' % tag,
                      s + 'except* KeyError as eg:',
                      s + '    print("%s tg keyerrors", len(eg.exceptions))'
                      % tag]
    if k == 8:
        return [s + 'loop = asyncio.get_running_loop()',
                s + 'loop.call_soon(print, "%s soon")' % tag,
                s + 'loop.call_later(%s, print, "%s later")'
                % (r.choice(['0.001', '0.002']), tag)]
    if k == 9:
        return [s + 't = asyncio.current_task()',
                s + 'print("%s name", t.get_name())' % tag,
                s + 't.set_name("%s")' % tag]
    if k == 10:
        return [s + 'f = asyncio.ensure_future(asyncio.sleep(0, "%s"))' % tag,
                s + 'print("%s ef", await f, f.get_name())' % tag]
    if k == 11:
        return [s + 'if %s:' % (r.random() < 0.4),
                s + '    raise ValueError("%s")' % tag]
    return [s + 'await asyncio.sleep(0)']


def family2(r):
    p = Prog(r)
    nw = r.randint(2, 5)
    for w in range(nw):
        p.add('async def w%d(sem, cond, q):' % w)
        for i in range(r.randint(1, 5)):
            p.add(*f2_step(r, w, i, 0, 4))
        p.add('    return "w%d done"' % w, '', '')
    p.add('async def main():',
          '    sem = asyncio.Semaphore(%d)' % r.randint(1, 2),
          '    cond = asyncio.Condition()',
          '    q = asyncio.Queue(%d)' % r.randint(0, 2),
          '    tasks = [asyncio.create_task(w(sem, cond, q)) for w in [%s]]'
          % ', '.join('w%d' % w for w in range(nw)))
    for s in range(r.randint(2, 8)):
        k = r.randrange(6)
        if k == 0:
            p.add('    await asyncio.sleep(%s)' % r.choice(DELAYS))
        elif k == 1:
            p.add('    print("cancel", tasks[%d].cancel())' % r.randrange(nw))
        elif k == 2:
            p.add('    async with cond:', '        cond.notify_all()')
        elif k == 3:
            p.add('    try:', '        q.put_nowait(%d)' % s,
                  '    except asyncio.QueueFull:', '        print("full")')
        elif k == 4:
            p.add('    print("names", [t.get_name() for t in tasks])')
        else:
            p.add('    await asyncio.sleep(0)')
    p.add('    for _ in range(8):',
          '        async with cond:', '            cond.notify_all()',
          '        while not q.empty():',
          '            print("drain", q.get_nowait())',
          '        await asyncio.sleep(0.003)',
          '    for t in tasks: t.cancel()',
          '    res = await asyncio.gather(*tasks, return_exceptions=True)',
          '    print([repr(x) for x in res])', '', '',
          'asyncio.run(main())')
    return p.text()


# ---- family 3: async generators, loop exceptions, timeouts, uncancel ------

def f3_step(r, w, i):
    s = ' ' * 4
    tag = 'w%d_%d' % (w, i)
    k = r.randrange(10)
    if k == 0:
        return [s + 'async for x in agen(%d, "%s"):' % (r.randint(0, 3), tag),
                s + '    print("%s item", x)' % tag,
                s + '    if %s: break' % (r.random() < 0.3)]
    if k == 1:
        return [s + 'print("%s comp", [x async for x in agen(%d, "%sc")])'
                % (tag, r.randint(0, 3), tag)]
    if k == 2:
        return [s + 'asyncio.get_running_loop().call_soon(bad_cb, "%s")' % tag,
                s + 'await asyncio.sleep(0)']
    if k == 3:
        return [s + 'try:',
                s + '    async with asyncio.timeout(%s) as cm:'
                % r.choice(['0.001', '0.003']),
                s + '        cm.reschedule(asyncio.get_running_loop().time()'
                ' + %s)' % r.choice(['0.002', '0.005']),
                s + '        await asyncio.sleep(%s)' % r.choice(DELAYS),
                s + '        print("%s in time", cm.expired())' % tag,
                s + 'except TimeoutError:',
                s + '    print("%s rescheduled timeout")' % tag]
    if k == 4:
        return [s + 'inner = asyncio.create_task(asyncio.sleep(%s, "%s"))'
                % (r.choice(DELAYS), tag),
                s + 'inner.add_done_callback(lambda f: cb(f, "%s"))' % tag,
                s + 'try:',
                s + '    print("%s shielded", await asyncio.shield(inner))'
                % tag,
                s + 'except asyncio.CancelledError:',
                s + '    print("%s outer cancelled", inner.done())' % tag,
                s + '    raise']
    if k == 5:
        return [s + 't = asyncio.current_task()',
                s + 'print("%s cancelling", t.cancelling(), '
                't.uncancel() if t.cancelling() else None)' % tag]
    if k == 6:
        return [s + 'try:',
                s + '    await asyncio.sleep(%s)' % r.choice(DELAYS),
                s + 'except asyncio.CancelledError:',
                s + '    print("%s swallow", '
                'asyncio.current_task().cancelling())' % tag,
                s + '    asyncio.current_task().uncancel()']
    if k == 7:
        return [s + 'f = asyncio.get_running_loop().create_future()',
                s + 'f.add_done_callback(lambda f: cb(f, "%sf"))' % tag,
                s + 'asyncio.get_running_loop().call_later(%s, f.set_result,'
                ' "%s")' % (r.choice(['0.001', '0']), tag),
                s + 'print("%s fut", await f)' % tag]
    if k == 8:
        return [s + 'if %s:' % (r.random() < 0.3),
                s + '    raise OSError("%s")' % tag]
    return [s + 'await asyncio.sleep(%s)' % r.choice(DELAYS)]


def family3(r):
    p = Prog(r)
    p.add('async def agen(n, tag):', '    try:',
          '        for i in range(n):',
          '            await asyncio.sleep(%s)' % r.choice(DELAYS),
          '            yield f"{tag}{i}"', '    finally:',
          '        print("agen closed", tag)', '', '',
          'def cb(fut, tag):',
          '    print("done cb", tag, fut.cancelled() or fut.exception() '
          'or fut.result())', '', '',
          'def bad_cb(tag):', '    raise RuntimeError(tag)', '', '')
    nw = r.randint(2, 4)
    for w in range(nw):
        p.add('async def w%d():' % w)
        for i in range(r.randint(1, 5)):
            p.add(*f3_step(r, w, i))
        p.add('    return "w%d done"' % w, '', '')
    p.add('async def main():',
          '    tasks = [asyncio.create_task(w()) for w in [%s]]'
          % ', '.join('w%d' % w for w in range(nw)),
          '    for t in tasks:',
          '        t.add_done_callback(lambda f: cb(f, f.get_name()))')
    for s in range(r.randint(1, 6)):
        k = r.randrange(4)
        if k == 0:
            p.add('    await asyncio.sleep(%s)' % r.choice(DELAYS))
        elif k == 1:
            p.add('    print("cancel", tasks[%d].cancel())' % r.randrange(nw))
        elif k == 2:
            p.add('    print("cancel twice", tasks[%d].cancel(), '
                  'tasks[%d].cancel("again"))'
                  % (r.randrange(nw), r.randrange(nw)))
        else:
            p.add('    await asyncio.sleep(0)')
    p.add('    res = await asyncio.gather(*tasks, return_exceptions=True)',
          '    print([repr(x) for x in res])', '', '', 'asyncio.run(main())')
    return p.text()


FAMILIES = {1: family1, 2: family2, 3: family3}


def run(cmd, cwd, name):
    with open(os.path.join(cwd, name + '.out'), 'wb') as out, \
            open(os.path.join(cwd, name + '.err'), 'wb') as err:
        try:
            code = subprocess.call(cmd, cwd=cwd, stdout=out, stderr=err,
                                   timeout=60)
        except subprocess.TimeoutExpired:
            code = 124
    with open(os.path.join(cwd, name + '.code'), 'w') as f:
        f.write('%d\n' % code)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--looplab', default=os.path.join(ROOT, 'looplab'))
    ap.add_argument('--family', type=int, choices=sorted(FAMILIES),
                    default=1)
    ap.add_argument('--from', dest='start', type=int, default=1)
    ap.add_argument('--count', type=int, default=100)
    ap.add_argument('--dir', default='/tmp/asyncdiff')
    a = ap.parse_args(argv)
    sys.path.insert(0, ORACLE)
    import compare  # the oracle's comparison (shared/oracle/compare.py)
    exp, act = os.path.join(a.dir, 'expected'), os.path.join(a.dir, 'actual')
    shutil.rmtree(a.dir, ignore_errors=True)
    os.makedirs(exp)
    os.makedirs(act)
    looplab = os.path.abspath(a.looplab)
    tracer = os.path.join(ORACLE, 'cpython_trace.py')
    bad, known = [], []
    for seed in range(a.start, a.start + a.count):
        name = 'f%d_%d' % (a.family, seed)
        src = FAMILIES[a.family](random.Random(seed))
        for d in (exp, act):
            with open(os.path.join(d, name + '.py'), 'w') as f:
                f.write(src)
        run([sys.executable, tracer, name + '.py', '--trace-out',
             name + '.trace'], exp, name)
        run([looplab, 'run', '--trace-out', name + '.trace', name + '.py'],
            act, name)
        diff = compare.compare_program(exp, act, name)
        if diff is None:
            for d in (exp, act):
                for ext in ('.py', '.out', '.err', '.code', '.trace'):
                    os.remove(os.path.join(d, name + ext))
            continue
        what, text = diff
        if what.startswith('trace') and 'async_generator_athrow' in text:
            known.append(seed)
        else:
            bad.append(seed)
            print('seed %d (family %d): %s differs' % (seed, a.family, what))
    print('%d programs: %d differ, %d by the known async generator '
          'difference (%s)' % (a.count, len(bad), len(known), a.dir))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
