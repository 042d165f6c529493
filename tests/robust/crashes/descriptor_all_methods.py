# Every method of every built-in type reachable from a program, called
# through its class with selves of the wrong type and a few argument
# lists: each call must raise (TypeError, mostly) or return, never crash.
import asyncio
import collections
import functools
import types

async def agen():
    yield 1

async def coro():
    pass

def gen():
    yield 1

c = coro()
ag = agen()
loop = asyncio.new_event_loop()
samples = [
    int, float, bool, str, tuple, list, dict, set, frozenset, range, slice,
    object, type, property, classmethod, staticmethod, super, enumerate,
    zip, map, filter, reversed, BaseException, Exception, StopIteration,
    OSError, SyntaxError, KeyError, SystemExit, BaseExceptionGroup,
    ExceptionGroup, functools.partial, types.SimpleNamespace,
    types.ModuleType, collections.deque, collections.defaultdict,
    collections.OrderedDict, collections.Counter,
    type(iter([])), type(iter(())), type(iter("")), type(iter({})),
    type(iter(set())), type(iter(range(1))), type({}.keys()),
    type({}.values()), type({}.items()), type(print), type([].append),
    type(None), type(NotImplemented), type(...), type(gen()), type(c),
    type(ag), type(ag.asend(None)), type(ag.athrow(ValueError)),
    asyncio.Future, asyncio.Task, asyncio.Handle, asyncio.TimerHandle,
    type(loop),
]
# Never called: they end the program or wait (on the wrong self they
# should fail too, but a failure here would stop the sweep).
skip = {"__new__", "__init_subclass__", "__subclasshook__", "mro",
        "__class__", "run_forever", "run_until_complete", "__del__"}
selves = (1, None, "s", [], object(), 1.5, (), {})
extras = ((), (1,), (1, 2), (None,))
calls = 0
for t in samples:
    for name in sorted(dir(t)):
        if name in skip:
            continue
        try:
            f = getattr(t, name)
        except Exception:
            continue
        if not callable(f) or isinstance(f, type):
            continue
        for self_ in selves:
            for extra in extras:
                calls += 1
                try:
                    repr(f(self_, *extra))
                except Exception:
                    pass
c.close()
loop.close()
print("done", calls > 10000)
