# asyncio.py - looplab's asyncio package, run by looplab's own interpreter.
#
# The event loop's hot core (ready deque, timer heap, _run_once, call_soon,
# call_at, Handle) is C (core/aio/loop.c); everything else a program uses is
# here, mirroring CPython 3.11.7's Lib/asyncio module by module (each
# section names the file it mirrors, each function the function). Futures
# and tasks follow the pure-Python futures.py / tasks.py with the behaviour
# of the C accelerator put back where CPython users see it (the
# InvalidStateError texts, Task.task_wakeup in reprs), exactly as the
# reference recorder (shared/oracle/cpython_trace.py) does.
#
# Trace events (shared/TRACE.md) are reported through the _lab module.

import _lab
import sys
from _collections import deque as _deque
import types
import functools
import inspect



# sys.version_info is a struct sequence in CPython; the C side sets a plain
# tuple, made a named one here where classes are at hand.
class _version_info(tuple):
    __module__ = 'sys'
    __qualname__ = 'version_info'

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return ('sys.version_info(major=%r, minor=%r, micro=%r, '
                'releaselevel=%r, serial=%r)' % tuple(self))


_version_info.__name__ = 'version_info'
sys.version_info = _version_info(sys.version_info)
del _version_info


# X | Y of types (PEP 604): types.UnionType, made here because the prelude
# is always loaded; type.__or__ (C) calls _union_or.
class _UnionType:
    __module__ = 'types'
    __qualname__ = 'UnionType'

    def __init__(self, args):
        self.__args__ = args

    def __repr__(self):
        return ' | '.join(_union_repr(a) for a in self.__args__)

    def __or__(self, other):
        return _union_or(self, other)

    def __ror__(self, other):
        return _union_or(other, self)

    def __eq__(self, other):
        if not isinstance(other, _UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


def _union_repr(a):
    if a is type(None):
        return 'None'
    if isinstance(a, type):
        if a.__module__ == 'builtins':
            return a.__qualname__
        return f'{a.__module__}.{a.__qualname__}'
    return repr(a)


def _union_or(a, b):
    args = []
    for x in (a, b):
        if x is None:
            x = type(None)
        if isinstance(x, _UnionType):
            members = x.__args__
        elif isinstance(x, type):
            members = (x,)
        else:
            return NotImplemented
        for m in members:
            if m not in args:
                args.append(m)
    if len(args) == 1:
        return args[0]
    return _UnionType(tuple(args))


_UnionType.__name__ = 'UnionType'
types.UnionType = _UnionType


async def _anext_default(iterator, default):
    # anext(iterator, default) (the C side has checked __anext__).
    try:
        return await type(iterator).__anext__(iterator)
    except StopAsyncIteration:
        return default


_lab.set_builtin_hooks(_UnionType, _union_or, _anext_default)

CancelledError = _lab.CancelledError
InvalidStateError = _lab.InvalidStateError
LimitOverrunError = _lab.LimitOverrunError
IncompleteReadError = _lab.IncompleteReadError
BrokenBarrierError = _lab.BrokenBarrierError
QueueEmpty = _lab.QueueEmpty
QueueFull = _lab.QueueFull
TimeoutError = TimeoutError
Handle = _lab.Handle
TimerHandle = _lab.TimerHandle

_emit = _lab.emit
_at = _lab.at


class SendfileNotAvailableError(RuntimeError):
    __module__ = 'asyncio.exceptions'


# ---- trace ids (TRACE.md "Ids") ---------------------------------------

_used_ids = set()     # with the "Task-N" ids C keeps apart (id_used)
_creating = []        # tasks inside Task.__init__
_pending_names = []   # name= given to asyncio / TaskGroup create_task
_in_cancel = set()


def _fid(obj):
    lab_id = _lab.lab_id(obj)
    if lab_id is None:
        if isinstance(obj, Task):
            return _task_id(obj)
        lab_id = _lab.new_future_id()
        _lab.set_lab_id(obj, lab_id)
    return lab_id


def _task_id(task):
    lab_id = _lab.lab_id(task)
    if lab_id is not None:
        return lab_id
    base = None
    if _creating and _creating[-1] is task and _pending_names \
            and _pending_names[-1] is not None:
        base = _pending_names[-1]
        _pending_names[-1] = None
    if base is None:
        base = str(Task.get_name(task)) if isinstance(task, Task) \
            else 'Task'
    name = base
    k = 2
    while _lab.id_used(_used_ids, name):
        name = '%s#%d' % (base, k)
        k += 1
    _lab.id_use(_used_ids, name)
    _lab.set_lab_id(task, name)
    return name


# _coro_name(coro): getattr(coro, '__qualname__', None) when that is a
# str, else type(coro).__name__ (aio_coro_name).
_coro_name = _lab.coro_name


def _traced_cancel(orig, tasks_silent=False):
    # "cancel <id> -> R" when the outermost cancel() on an object returns.
    def cancel(self, *args, **kwargs):
        # The arguments go through as given: orig checks them (with
        # CPython's wording when it is asyncio's own).
        key = id(self)
        if key in _in_cancel:
            return orig(self, *args, **kwargs)
        _in_cancel.add(key)
        try:
            r = orig(self, *args, **kwargs)
        finally:
            _in_cancel.discard(key)
        if not (tasks_silent and isinstance(self, Task)):
            _emit('cancel', '%s -> %r' % (_fid(self), r))
        return r
    cancel.__name__ = orig.__name__
    cancel.__qualname__ = orig.__qualname__
    cancel._lab_wrapped = True
    return cancel


class _TaskSet:
    # The oracle's TaskSet: a set of tasks iterating in creation order.
    __qualname__ = 'set'
    __module__ = 'builtins'

    def __init__(self, items=()):
        self._d = {}
        for x in items:
            self._d[x] = None

    def _ordered(self):
        items = list(self._d)
        items.sort(key=_creation_order)
        return items

    def __iter__(self):
        return iter(self._ordered())

    def __len__(self):
        return len(self._d)

    def __bool__(self):
        return bool(self._d)

    def __contains__(self, x):
        return x in self._d

    def add(self, x):
        self._d[x] = None

    def discard(self, x):
        self._d.pop(x, None)

    def remove(self, x):
        del self._d[x]

    def clear(self):
        self._d.clear()

    def pop(self):
        items = self._ordered()
        if not items:
            raise KeyError('pop from an empty set')
        x = items[0]
        del self._d[x]
        return x

    def copy(self):
        return _TaskSet(self._ordered())

    def __or__(self, other):
        return _TaskSet(list(self) + [x for x in other if x not in self._d])

    def __and__(self, other):
        return _TaskSet([x for x in self if x in other])

    def __sub__(self, other):
        return _TaskSet([x for x in self if x not in other])

    def __eq__(self, other):
        if isinstance(other, (_TaskSet, set, frozenset)):
            return len(self) == len(other) and all(x in other for x in self)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        if not self._d:
            return 'set()'
        return '{' + ', '.join([repr(t) for t in self]) + '}'


_TaskSet.__name__ = 'set'


_creation_order = _lab.creation_order


# ---- reprlib (Lib/reprlib.py, the defaults asyncio's reprs use) -----------

def _rl_cut(s, limit):
    if len(s) > limit:
        i = max(0, (limit - 3) // 2)
        j = max(0, limit - 3 - i)
        s = s[:i] + '...' + s[len(s) - j:]
    return s


def _rl_iterable(x, level, left, right, maxiter, trail=''):
    n = len(x)
    if level <= 0 and n:
        s = '...'
    else:
        pieces = []
        k = 0
        for elem in x:
            if k >= maxiter:
                break
            pieces.append(_rl_repr1(elem, level - 1))
            k += 1
        if n > maxiter:
            pieces.append('...')
        s = ', '.join(pieces)
        if n == 1 and trail:
            right = trail + right
    return '%s%s%s' % (left, s, right)


def _rl_repr1(x, level):
    t = type(x)
    if t is tuple:
        return _rl_iterable(x, level, '(', ')', 6, ',')
    if t is list:
        return _rl_iterable(x, level, '[', ']', 6)
    if t is set:
        if not x:
            return 'set()'
        return _rl_iterable(sorted(x) if _rl_sortable(x) else x, level,
                            '{', '}', 6)
    if t is frozenset:
        if not x:
            return 'frozenset()'
        return _rl_iterable(sorted(x) if _rl_sortable(x) else x, level,
                            'frozenset({', '})', 6)
    if t is dict:
        n = len(x)
        if n == 0:
            return '{}'
        if level <= 0:
            return '{...}'
        keys = sorted(x) if _rl_sortable(x) else list(x)
        pieces = []
        for key in keys[:4]:
            pieces.append('%s: %s' % (_rl_repr1(key, level - 1),
                                      _rl_repr1(x[key], level - 1)))
        if n > 4:
            pieces.append('...')
        return '{%s}' % ', '.join(pieces)
    if t is str:
        s = repr(x[:30])
        if len(s) > 30:
            i = max(0, (30 - 3) // 2)
            j = max(0, 30 - 3 - i)
            s = repr(x[:i] + x[len(x) - j:])
            s = s[:i] + '...' + s[len(s) - j:]
        return s
    if t is int:
        return _rl_cut(repr(x), 40)
    try:
        s = repr(x)
    except Exception:
        return '<%s instance at %#x>' % (type(x).__name__, id(x))
    return _rl_cut(s, 30)


def _rl_sortable(x):
    try:
        sorted(x)
        return True
    except Exception:
        return False


def _reprlib_repr(x):
    return _rl_repr1(x, 6)


# ---- format_helpers.py ---------------------------------------------------

def _get_function_source(func):
    # format_helpers._get_function_source
    if isinstance(func, types.FunctionType):
        code = func.__code__
        return (code.co_filename, code.co_firstlineno)
    if isinstance(func, functools.partial):
        return _get_function_source(func.func)
    return None


def _format_args_and_kwargs(args, kwargs):
    items = []
    if args:
        items.extend(_reprlib_repr(arg) for arg in args)
    if kwargs:
        items.extend(f'{k}={_reprlib_repr(v)}' for k, v in kwargs.items())
    return '({})'.format(', '.join(items))


def _format_callback(func, args, kwargs, suffix=''):
    # The oracle shows a Task's wake-up as the C accelerator names it.
    if getattr(func, '__name__', None) == 'task_wakeup' and \
            isinstance(getattr(func, '__self__', None), Task):
        r = type(func.__self__).__qualname__ + '.task_wakeup'
        return r + _format_args_and_kwargs(args, kwargs) + suffix
    if isinstance(func, functools.partial):
        suffix = _format_args_and_kwargs(args, kwargs) + suffix
        return _format_callback(func.func, func.args, func.keywords, suffix)
    qn = getattr(func, '__qualname__', None)
    if qn:
        func_repr = qn
    else:
        nm = getattr(func, '__name__', None)
        func_repr = nm if nm else repr(func)
    func_repr += _format_args_and_kwargs(args, kwargs)
    if suffix:
        func_repr += suffix
    return func_repr


def _format_callback_source(func, args):
    func_repr = _format_callback(func, args, None)
    source = _get_function_source(func)
    if source:
        func_repr += f' at {source[0]}:{source[1]}'
    return func_repr


def _handle_repr(h):
    # events.Handle.__repr__ / TimerHandle._repr_info
    info = [type(h).__name__]
    if h._cancelled:
        info.append('cancelled')
    if isinstance(h, TimerHandle):
        info.insert(2 if h._cancelled else 1, f'when={h._when}')
    if h._callback is not None:
        info.append(_format_callback_source(h._callback, h._args))
    return '<{}>'.format(' '.join(info))


# ---- coroutines.py ---------------------------------------------------------

def iscoroutinefunction(func):
    return inspect.iscoroutinefunction(func) or \
        getattr(func, '_is_coroutine', None) is _is_coroutine


_is_coroutine = object()


def iscoroutine(obj):
    # 3.11 accepts coroutines, generators and abc.Coroutine look-alikes.
    t = type(obj)
    if t is types.CoroutineType or t is types.GeneratorType:
        return True
    return all(hasattr(t, m) for m in ('send', 'throw', 'close', '__await__'))


def _format_coroutine(coro):
    qn = getattr(coro, '__qualname__', None)
    if qn:
        coro_name = f'{qn}()'
    else:
        nm = getattr(coro, '__name__', None)
        coro_name = f'{nm}()' if nm else f'<{type(coro).__name__} without __name__>()'
    code = getattr(coro, 'cr_code', None) or getattr(coro, 'gi_code', None)
    if not code:
        running = getattr(coro, 'cr_running', None)
        if running is None:
            running = getattr(coro, 'gi_running', False)
        return f'{coro_name} running' if running else coro_name
    frame = getattr(coro, 'gi_frame', None) or getattr(coro, 'cr_frame', None)
    filename = code.co_filename or '<empty co_filename>'
    if frame is not None:
        return f'{coro_name} running at {filename}:{frame.f_lineno}'
    return f'{coro_name} done, defined at {filename}:{code.co_firstlineno}'


# ---- events.py: the running loop and the policy ----------------------------

def _get_running_loop():
    return _lab.running_loop()


def get_running_loop():
    loop = _lab.running_loop()
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def _set_running_loop(loop):
    _lab.set_running_loop(loop)


class AbstractEventLoop:
    __module__ = 'asyncio.events'


class AbstractEventLoopPolicy:
    __module__ = 'asyncio.events'


class _Local:
    _loop = None
    _set_called = False


class DefaultEventLoopPolicy(AbstractEventLoopPolicy):
    # events.BaseDefaultEventLoopPolicy (+ unix_events' policy)
    __qualname__ = '_UnixDefaultEventLoopPolicy'

    def __init__(self):
        self._local = _Local()

    def get_event_loop(self):
        if self._local._loop is None and not self._local._set_called:
            self.set_event_loop(self.new_event_loop())
        if self._local._loop is None:
            raise RuntimeError('There is no current event loop in thread %r.'
                               % 'MainThread')
        return self._local._loop

    def set_event_loop(self, loop):
        self._local._set_called = True
        if loop is not None and not isinstance(loop, AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop "
                            f"or None, not '{type(loop).__name__}'")
        self._local._loop = loop

    def new_event_loop(self):
        return _UnixSelectorEventLoop()


_policy = [None]


def get_event_loop_policy():
    if _policy[0] is None:
        _policy[0] = DefaultEventLoopPolicy()
    return _policy[0]


def set_event_loop_policy(policy):
    _policy[0] = policy


def _get_event_loop(stacklevel=3):
    current_loop = _lab.running_loop()
    if current_loop is not None:
        return current_loop
    return get_event_loop_policy().get_event_loop()


def get_event_loop():
    return _get_event_loop()


def set_event_loop(loop):
    get_event_loop_policy().set_event_loop(loop)


def new_event_loop():
    return get_event_loop_policy().new_event_loop()


# ---- base_futures.py / futures.py ---------------------------------------------

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'


def isfuture(obj):
    return (hasattr(obj.__class__, '_asyncio_future_blocking') and
            obj._asyncio_future_blocking is not None)


# The prelude's own calls use the same tests made in C (no Python frame);
# asyncio.isfuture and asyncio.iscoroutine stay Python functions.
_isfuture = _lab.isfuture
_iscoroutine = _lab.iscoroutine


def _format_callbacks(cb):
    size = len(cb)
    if not size:
        cb = ''

    def format_cb(callback):
        return _format_callback_source(callback, ())

    if size == 1:
        cb = format_cb(cb[0][0])
    elif size == 2:
        cb = '{}, {}'.format(format_cb(cb[0][0]), format_cb(cb[1][0]))
    elif size > 2:
        cb = '{}, <{} more>, {}'.format(format_cb(cb[0][0]), size - 2,
                                        format_cb(cb[-1][0]))
    return f'cb=[{cb}]'


def _future_repr_info(future):
    info = [future._state.lower()]
    if future._state == _FINISHED:
        if future._exception is not None:
            info.append(f'exception={future._exception!r}')
        else:
            result = _reprlib_repr(future._result)
            info.append(f'result={result}')
    if future._callbacks:
        info.append(_format_callbacks(future._callbacks))
    return info


def _recursive_repr(fn):
    # reprlib.recursive_repr: a repr that reaches itself shows '...'.
    running = set()

    def wrapper(self):
        key = id(self)
        if key in running:
            return '...'
        running.add(key)
        try:
            return fn(self)
        finally:
            running.discard(key)
    wrapper.__name__ = fn.__name__
    return wrapper


# asyncio.Future is _asyncio.Future, the C type of core/aio/future.c (as
# in CPython, where futures.py's class is only a fallback). The methods
# written in Python are grafted onto it from this class.
class _FutureMethods:
    def __init_subclass__(cls, **kwargs):
        # object.__init_subclass__ takes no keywords.
        if kwargs:
            raise TypeError(f'{cls.__qualname__}.__init_subclass__() takes '
                            f'no keyword arguments')
        c = cls.__dict__.get('cancel')
        if callable(c) and not getattr(c, '_lab_wrapped', False):
            cls.cancel = _traced_cancel(c)

    @_recursive_repr
    def __repr__(self):
        # base_futures._future_repr
        return '<{} {}>'.format(self.__class__.__name__,
                                ' '.join(_future_repr_info(self)))

    # Future[int] is the class itself, as list[int] is in looplab (there
    # is no types.GenericAlias).
    def __class_getitem__(cls, item):   # implicitly a classmethod
        return cls

    def __del__(self):
        if not self._log_traceback:
            return
        exc = self._exception
        context = {
            'message':
                f'{self.__class__.__name__} exception was never retrieved',
            'exception': exc,
            'future': self,
        }
        self._loop.call_exception_handler(context)


def _graft(cls, methods):
    for name, value in methods.__dict__.items():
        if name not in ('__module__', '__qualname__', '__dict__',
                        '__weakref__', '__doc__'):
            fn = getattr(value, '__func__', value)
            if hasattr(fn, '__qualname__'):
                fn.__qualname__ = cls.__name__ + '.' + name
            setattr(cls, name, value)


Future = _lab.Future
_graft(Future, _FutureMethods)
# Future.cancel and Task.cancel are C, traced the way _traced_cancel
# traces a subclass's cancel (aio_traced_cancel in future.c).


def _get_loop(fut):
    try:
        get_loop = fut.get_loop
    except AttributeError:
        pass
    else:
        return get_loop()
    return fut._loop


@_at('futures.py', 311)
def _set_result_unless_cancelled(fut, result):
    if fut.cancelled():
        return
    fut.set_result(result)


# ---- tasks.py ------------------------------------------------------------

_current_tasks = {}


def _register_task(task):
    _lab.register_task(task)


def _enter_task(loop, task):
    current = _current_tasks.get(loop)
    if current is not None:
        raise RuntimeError(f"Cannot enter into task {task!r} while another "
                           f"task {current!r} is being executed.")
    _current_tasks[loop] = task


def _leave_task(loop, task):
    current = _current_tasks.get(loop)
    if current is not task:
        raise RuntimeError(f"Leaving task {task!r} does not match "
                           f"the current task {current!r}.")
    del _current_tasks[loop]


def current_task(loop=None):
    if loop is None:
        loop = get_running_loop()
    return _current_tasks.get(loop)


def all_tasks(loop=None):
    if loop is None:
        loop = get_running_loop()
    return _TaskSet([t for t in _lab.all_tasks()
                     if _get_loop(t) is loop and not t.done()])


def _set_task_name(task, name):
    if name is not None:
        try:
            set_name = task.set_name
        except AttributeError:
            pass
        else:
            set_name(name)


def _task_repr_info(task):
    # base_tasks._task_repr_info
    info = _future_repr_info(task)
    if task.cancelling() and not task.done():
        info[0] = 'cancelling'
    info.insert(1, 'name=%r' % task.get_name())
    coro = _format_coroutine(task._coro)
    info.insert(2, f'coro=<{coro}>')
    if task._fut_waiter is not None:
        info.insert(3, f'wait_for={task._fut_waiter!r}')
    return info


# asyncio.Task is _asyncio.Task (core/aio/task.c: the step and wake-up);
# __init__, which names the task for the trace, is written here.
class _TaskMethods:
    # __init__ is C (task.c): _asyncio_Task___init___impl, with the
    # trace's "task" line; it reads _creating, _pending_names, _used_ids
    # and calls _task_id when a case is unusual.

    def __del__(self):
        if self._state == _PENDING and self._log_destroy_pending:
            context = {
                'task': self,
                'message': 'Task was destroyed but it is pending!',
            }
            self._loop.call_exception_handler(context)
        Future.__del__(self)

    @_recursive_repr
    def __repr__(self):
        # base_tasks._task_repr
        return '<{} {}>'.format(self.__class__.__name__,
                                ' '.join(_task_repr_info(self)))

    def get_stack(self, *, limit=None):
        # base_tasks._task_get_stack
        frames = []
        coro = self._coro
        f = None
        for attr in ('cr_frame', 'gi_frame', 'ag_frame'):
            if hasattr(coro, attr):
                f = getattr(coro, attr)
                break
        if f is not None:
            while f is not None:
                if limit is not None:
                    if limit <= 0:
                        break
                    limit -= 1
                frames.append(f)
                f = f.f_back
            frames.reverse()
        elif self._exception is not None:
            tb = self._exception.__traceback__
            while tb is not None:
                if limit is not None:
                    if limit <= 0:
                        break
                    limit -= 1
                frames.append(tb.tb_frame)
                tb = tb.tb_next
        return frames

    def print_stack(self, *, limit=None, file=None):
        # base_tasks._task_print_stack. Without a file its own lines go to
        # print's default, stdout, and traceback.print_list's to stderr.
        extracted = []
        for f in self.get_stack(limit=limit):
            co = f.f_code
            extracted.append((co.co_filename, f.f_lineno, co.co_name,
                              _lab.getline(co.co_filename, f.f_lineno)))
        exc = self._exception
        if not extracted:
            print(f'No stack for {self!r}', file=file)
        elif exc is not None:
            print(f'Traceback for {self!r} (most recent call last):',
                  file=file)
        else:
            print(f'Stack for {self!r} (most recent call last):', file=file)
        listing = sys.stderr if file is None else file
        for filename, lineno, name, line in extracted:
            print(f'  File "{filename}", line {lineno}, in {name}',
                  file=listing)
            if line:
                print(f'    {line}', file=listing)
        if exc is not None:
            msg = str(exc)
            name = type(exc).__qualname__
            mod = type(exc).__module__
            if mod not in ('__main__', 'builtins'):
                name = mod + '.' + name
            print(f'{name}: {msg}' if msg else name, file=file)


Task = _lab.Task
_graft(Task, _TaskMethods)

# A done future's __del__ does nothing: the collector may then skip it.
_lab.set_finalizers(Future.__del__, Task.__del__)
_lab.future_hooks(_get_event_loop, _fid, _current_tasks, _enter_task,
                  _leave_task)


def create_task(coro, *, name=None, context=None):
    # tasks.create_task (3.11: the name is set after creation)
    if _iscoroutine(coro):
        _lab.emit_about('create_task', '', _coro_name(coro))
    else:
        _emit('create_task', type(coro).__name__)
    _pending_names.append(None if name is None else str(name))
    try:
        loop = get_running_loop()
        if context is None:
            task = loop.create_task(coro)
        else:
            task = loop.create_task(coro, context=context)
        _set_task_name(task, name)
        return task
    finally:
        _pending_names.pop()


FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


@_at('tasks.py', 399, 428)
async def wait(fs, *, timeout=None, return_when=ALL_COMPLETED):
    if _isfuture(fs) or _iscoroutine(fs):
        raise TypeError(f'expect a list of futures, not {type(fs).__name__}')
    if not fs:
        raise ValueError('Set of Tasks/Futures is empty.')
    if return_when not in (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED):
        raise ValueError(f'Invalid return_when value: {return_when}')
    fs = _TaskSet(fs)
    if any(_iscoroutine(f) for f in fs):
        raise TypeError('Passing coroutines is forbidden, use tasks explicitly.')
    loop = get_running_loop()
    return await _wait(fs, timeout, return_when, loop)


@_at('tasks.py', 431)
def _release_waiter(waiter, *args):
    if not waiter.done():
        waiter.set_result(None)


@_at('tasks.py', 436, 452, 460, 476, 485, 495)
async def wait_for(fut, timeout):
    loop = get_running_loop()
    if timeout is None:
        return await fut
    if timeout <= 0:
        fut = ensure_future(fut, loop=loop)
        if fut.done():
            return fut.result()
        await _cancel_and_wait(fut, loop=loop)
        try:
            return fut.result()
        except CancelledError as exc:
            raise TimeoutError() from exc
    waiter = loop.create_future()
    timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    cb = functools.partial(_release_waiter, waiter)
    fut = ensure_future(fut, loop=loop)
    fut.add_done_callback(cb)
    try:
        try:
            await waiter
        except CancelledError:
            if fut.done():
                return fut.result()
            else:
                fut.remove_done_callback(cb)
                await _cancel_and_wait(fut, loop=loop)
                raise
        if fut.done():
            return fut.result()
        else:
            fut.remove_done_callback(cb)
            await _cancel_and_wait(fut, loop=loop)
            try:
                return fut.result()
            except CancelledError as exc:
                raise TimeoutError() from exc
    finally:
        timeout_handle.cancel()


@_at('tasks.py', 507, 535)
async def _wait(fs, timeout, return_when, loop):
    waiter = loop.create_future()
    timeout_handle = None
    if timeout is not None:
        timeout_handle = loop.call_later(timeout, _release_waiter, waiter)
    counter = len(fs)

    @_at('tasks.py', 519)
    def _on_completion(f):
        nonlocal counter
        counter -= 1
        if (counter <= 0 or
                return_when == FIRST_COMPLETED or
                return_when == FIRST_EXCEPTION and (not f.cancelled() and
                                                    f.exception() is not None)):
            if timeout_handle is not None:
                timeout_handle.cancel()
            if not waiter.done():
                waiter.set_result(None)

    for f in fs:
        f.add_done_callback(_on_completion)
    try:
        await waiter
    finally:
        if timeout_handle is not None:
            timeout_handle.cancel()
        for f in fs:
            f.remove_done_callback(_on_completion)
    done, pending = _TaskSet(), _TaskSet()
    for f in fs:
        if f.done():
            done.add(f)
        else:
            pending.add(f)
    return done, pending


@_at('tasks.py', 551, 562)
async def _cancel_and_wait(fut, loop):
    waiter = loop.create_future()
    cb = functools.partial(_release_waiter, waiter)
    fut.add_done_callback(cb)
    try:
        fut.cancel()
        await waiter
    finally:
        fut.remove_done_callback(cb)


@_at('tasks.py', 568, 622)
def as_completed(fs, *, timeout=None):
    if _isfuture(fs) or _iscoroutine(fs):
        raise TypeError(f'expect an iterable of futures, not {type(fs).__name__}')
    done = Queue()
    loop = _get_event_loop()
    todo = _TaskSet([ensure_future(f, loop=loop) for f in _TaskSet(fs)])
    timeout_handle = None

    @_at('tasks.py', 596)
    def _on_timeout():
        for f in todo:
            f.remove_done_callback(_on_completion)
            done.put_nowait(None)
        todo.clear()

    @_at('tasks.py', 602)
    def _on_completion(f):
        if not todo:
            return
        todo.remove(f)
        done.put_nowait(f)
        if not todo and timeout_handle is not None:
            timeout_handle.cancel()

    @_at('tasks.py', 610, 611)
    async def _wait_for_one():
        f = await done.get()
        if f is None:
            raise TimeoutError
        return f.result()

    for f in todo:
        f.add_done_callback(_on_completion)
    if todo and timeout is not None:
        timeout_handle = loop.call_later(timeout, _on_timeout)
    for _ in range(len(todo)):
        yield _wait_for_one()


@types.coroutine
@_at('tasks.py', 625, 634)
def __sleep0():
    yield


@_at('tasks.py', 637, 640, 649)
async def sleep(delay, result=None):
    if delay <= 0:
        await __sleep0()
        return result
    loop = get_running_loop()
    future = loop.create_future()
    h = loop.call_later(delay, _set_result_unless_cancelled, future, result)
    try:
        return await future
    finally:
        h.cancel()


def ensure_future(coro_or_future, *, loop=None):
    return _ensure_future(coro_or_future, loop=loop)


def _ensure_future(coro_or_future, *, loop=None):
    x = coro_or_future
    if _isfuture(x):
        _lab.emit_about('ensure_future', 'future ', x)
    elif _iscoroutine(x):
        _lab.emit_about('ensure_future', 'coroutine ', _coro_name(x))
    elif inspect.isawaitable(x):
        _emit('ensure_future', 'awaitable ' + type(x).__name__)
    else:
        _emit('ensure_future', 'error ' + type(x).__name__)
    if _isfuture(coro_or_future):
        if loop is not None and loop is not _get_loop(coro_or_future):
            raise ValueError('The future belongs to a different loop than '
                             'the one specified as the loop argument')
        return coro_or_future
    called_wrap_awaitable = False
    if not _iscoroutine(coro_or_future):
        if inspect.isawaitable(coro_or_future):
            coro_or_future = _wrap_awaitable(coro_or_future)
            called_wrap_awaitable = True
        else:
            raise TypeError('An asyncio.Future, a coroutine or an awaitable '
                            'is required')
    if loop is None:
        loop = _get_event_loop()
    try:
        return loop.create_task(coro_or_future)
    except RuntimeError:
        if not called_wrap_awaitable:
            coro_or_future.close()
        raise


@types.coroutine
@_at('tasks.py', 687, 694)
def _wrap_awaitable(awaitable):
    return (yield from awaitable.__await__())


_wrap_awaitable._is_coroutine = _is_coroutine


class _GatheringFuture(Future):
    __module__ = 'asyncio.tasks'

    def __init__(self, children, *, loop):
        super().__init__(loop=loop)
        self._children = children
        self._cancel_requested = False

    def cancel(self, msg=None):
        if self.done():
            return False
        ret = False
        for child in self._children:
            if child.cancel(msg=msg):
                ret = True
        if ret:
            self._cancel_requested = True
        return ret


@_at('tasks.py', 728)
def gather(*coros_or_futures, return_exceptions=False):
    if not coros_or_futures:
        loop = _get_event_loop()
        outer = loop.create_future()
        outer.set_result([])
        return outer

    @_at('tasks.py', 764)
    def _done_callback(fut):
        nonlocal nfinished
        nfinished += 1
        if outer is None or outer.done():
            if not fut.cancelled():
                fut.exception()
            return
        if not return_exceptions:
            if fut.cancelled():
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
                return
            else:
                exc = fut.exception()
                if exc is not None:
                    outer.set_exception(exc)
                    return
        if nfinished == nfuts:
            results = []
            for fut in children:
                if fut.cancelled():
                    res = CancelledError(
                        '' if fut._cancel_message is None else
                        fut._cancel_message)
                else:
                    res = fut.exception()
                    if res is None:
                        res = fut.result()
                results.append(res)
            if outer._cancel_requested:
                exc = fut._make_cancelled_error()
                outer.set_exception(exc)
            else:
                outer.set_result(results)

    arg_to_fut = {}
    children = []
    nfuts = 0
    nfinished = 0
    loop = None
    outer = None
    for arg in coros_or_futures:
        if arg not in arg_to_fut:
            fut = _ensure_future(arg, loop=loop)
            if loop is None:
                loop = _get_loop(fut)
            if fut is not arg:
                fut._log_destroy_pending = False
            nfuts += 1
            arg_to_fut[arg] = fut
            fut.add_done_callback(_done_callback)
        else:
            fut = arg_to_fut[arg]
        children.append(fut)
    outer = _GatheringFuture(children, loop=loop)
    return outer


@_at('tasks.py', 851)
def shield(arg):
    inner = _ensure_future(arg)
    if inner.done():
        return inner
    loop = _get_loop(inner)
    outer = loop.create_future()

    @_at('tasks.py', 891)
    def _inner_done_callback(inner):
        if outer.cancelled():
            if not inner.cancelled():
                inner.exception()
            return
        if inner.cancelled():
            outer.cancel()
        else:
            exc = inner.exception()
            if exc is not None:
                outer.set_exception(exc)
            else:
                outer.set_result(inner.result())

    @_at('tasks.py', 908)
    def _outer_done_callback(outer):
        if not inner.done():
            inner.remove_done_callback(_inner_done_callback)

    inner.add_done_callback(_inner_done_callback)
    outer.add_done_callback(_outer_done_callback)
    return outer


# ---- base_events.py / unix_events.py: the Python part of the loop ---------

@_at('base_events.py', 180)
def _run_until_complete_cb(fut):
    if not fut.cancelled():
        exc = fut.exception()
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            return
    _get_loop(fut).stop()


def _log(msg, exc=None):
    # The "asyncio" logger at ERROR, through logging's last-resort handler.
    _lab.log('ERROR', msg, exc)


class BaseEventLoop(_lab.LoopCore, AbstractEventLoop):
    __module__ = 'asyncio.base_events'

    def __init__(self):
        self._exception_handler = None
        self._task_factory = None
        self._asyncgens_shutdown_called = False
        self._executor_shutdown_called = False

    def __repr__(self):
        return (f'<{self.__class__.__name__} running={self.is_running()} '
                f'closed={self.is_closed()} debug={self.get_debug()}>')

    def create_future(self):
        return Future(loop=self)

    def create_task(self, coro, *, name=None, context=None):
        self._check_closed()
        if self._task_factory is None:
            task = Task(coro, loop=self, name=name, context=context)
        else:
            if context is None:
                task = self._task_factory(self, coro)
            else:
                task = self._task_factory(self, coro, context=context)
            _set_task_name(task, name)
        return task

    def set_task_factory(self, factory):
        if factory is not None and not callable(factory):
            raise TypeError('task factory must be a callable or None')
        self._task_factory = factory

    def get_task_factory(self):
        return self._task_factory

    def call_soon_threadsafe(self, callback, *args, context=None):
        # No threads here, but the self-pipe byte is kept: the next select
        # finds it, and loop._read_from_self runs in that iteration.
        self._check_closed()
        handle = self.call_soon(callback, *args)
        self._write_to_self()
        return handle

    def _read_from_self(self):
        pass

    def _asyncgen_finalizer_hook(self, agen):
        self._asyncgens_discard(agen)
        if not self.is_closed():
            self.call_soon_threadsafe(self.create_task, agen.aclose())

    def _asyncgen_firstiter_hook(self, agen):
        # (3.11 also warns ResourceWarning after shutdown_asyncgens; such
        # warnings are ignored by default, so nothing shows.)
        _lab.agen_add(self, agen)

    def _asyncgens_discard(self, agen):
        _lab.agen_discard(self, agen)

    def run_until_complete(self, future):
        self._check_closed()
        self._check_running()
        new_task = not _isfuture(future)
        future = ensure_future(future, loop=self)
        if new_task:
            future._log_destroy_pending = False
        future.add_done_callback(_run_until_complete_cb)
        try:
            self.run_forever()
        except:
            if new_task and future.done() and not future.cancelled():
                future.exception()
            raise
        finally:
            future.remove_done_callback(_run_until_complete_cb)
        if not future.done():
            raise RuntimeError('Event loop stopped before Future completed.')
        return future.result()

    @_at('base_events.py', 539, 551)
    async def shutdown_asyncgens(self):
        self._asyncgens_shutdown_called = True
        # self._asyncgens is a WeakSet: here _lab keeps the weak list.
        closing_agens = _lab.agen_take(self)
        if not len(closing_agens):
            return
        results = await gather(
            *[ag.aclose() for ag in closing_agens],
            return_exceptions=True)
        for result, agen in zip(results, closing_agens):
            if isinstance(result, Exception):
                self.call_exception_handler({
                    'message': f'an error occurred during closing of '
                               f'asynchronous generator {agen!r}',
                    'exception': result,
                    'asyncgen': agen
                })

    @_at('base_events.py', 564, 573)
    async def shutdown_default_executor(self):
        self._executor_shutdown_called = True

    def run_in_executor(self, executor, func, *args):
        raise NotImplementedError('looplab has no threads: run_in_executor '
                                  'is not available')

    def get_exception_handler(self):
        return self._exception_handler

    def set_exception_handler(self, handler):
        if handler is not None and not callable(handler):
            raise TypeError(f'A callable object or None is expected, '
                            f'got {handler!r}')
        self._exception_handler = handler

    def default_exception_handler(self, context):
        message = context.get('message')
        if not message:
            message = 'Unhandled exception in event loop'
        exception = context.get('exception')
        log_lines = [message]
        for key in sorted(context):
            if key in {'message', 'exception'}:
                continue
            value = context[key]
            value = repr(value)
            log_lines.append(f'{key}: {value}')
        _log('\n'.join(log_lines), exception)

    def call_exception_handler(self, context):
        if self._exception_handler is None:
            try:
                self.default_exception_handler(context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                _log('Exception in default exception handler', exc)
        else:
            try:
                self._exception_handler(self, context)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                try:
                    self.default_exception_handler({
                        'message': 'Unhandled error in exception handler',
                        'exception': exc,
                        'context': context,
                    })
                except (SystemExit, KeyboardInterrupt):
                    raise
                except BaseException as exc2:
                    _log('Exception in default exception handler '
                         'while handling an unexpected error '
                         'in custom exception handler', exc2)


class _UnixSelectorEventLoop(BaseEventLoop):
    __module__ = 'asyncio.unix_events'

    def __init__(self, selector=None):
        super().__init__()
        _emit('loop', 'new')


SelectorEventLoop = _UnixSelectorEventLoop
EventLoop = _UnixSelectorEventLoop


# ---- runners.py ----------------------------------------------------------

class Runner:
    __module__ = 'asyncio.runners'

    def __init__(self, *, debug=None, loop_factory=None):
        self._state = 'created'
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None
        self._context = None
        self._interrupt_count = 0
        self._set_event_loop = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != 'initialized':
            return
        try:
            loop = self._loop
            _cancel_all_tasks(loop)
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            if self._set_event_loop:
                set_event_loop(None)
            loop.close()
            self._loop = None
            self._state = 'closed'

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not _iscoroutine(coro):
            raise ValueError("a coroutine was expected, got {!r}".format(coro))
        if _get_running_loop() is not None:
            raise RuntimeError(
                "Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        if context is None:
            context = self._context
        task = self._loop.create_task(coro, context=context)
        self._interrupt_count = 0
        try:
            return self._loop.run_until_complete(task)
        except CancelledError:
            if self._interrupt_count > 0:
                uncancel = getattr(task, "uncancel", None)
                if uncancel is not None and uncancel() == 0:
                    raise KeyboardInterrupt()
            raise

    def _lazy_init(self):
        if self._state == 'closed':
            raise RuntimeError("Runner is closed")
        if self._state == 'initialized':
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            if not self._set_event_loop:
                set_event_loop(self._loop)
                self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._context = None
        self._state = 'initialized'


def run(main, *, debug=None):
    if _get_running_loop() is not None:
        raise RuntimeError(
            "asyncio.run() cannot be called from a running event loop")
    with Runner(debug=debug) as runner:
        return runner.run(main)


def _cancel_all_tasks(loop):
    to_cancel = all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                'message': 'unhandled exception during asyncio.run() shutdown',
                'exception': task.exception(),
                'task': task,
            })


# ---- mixins.py / locks.py --------------------------------------------------

class _LoopBoundMixin:
    _loop = None

    def _get_loop(self):
        loop = _get_running_loop()
        if self._loop is None:
            self._loop = loop
        if loop is not self._loop:
            raise RuntimeError(f'{self!r} is bound to a different event loop')
        return loop


class _ContextManagerMixin:
    @_at('locks.py', 14, 15)
    async def __aenter__(self):
        await self.acquire()
        return None

    @_at('locks.py', 20)
    async def __aexit__(self, exc_type, exc, tb):
        self.release()


def _object_repr(obj):
    t = type(obj)
    return '<%s.%s object at %#x>' % (t.__module__, t.__qualname__, id(obj))


class Lock(_ContextManagerMixin, _LoopBoundMixin):
    __module__ = 'asyncio.locks'

    def __init__(self):
        self._waiters = None
        self._locked = False

    def __repr__(self):
        res = _object_repr(self)
        extra = 'locked' if self._locked else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    def locked(self):
        return self._locked

    @_at('locks.py', 93, 114)
    async def acquire(self):
        if (not self._locked and (self._waiters is None or
                all(w.cancelled() for w in self._waiters))):
            self._locked = True
            return True
        if self._waiters is None:
            self._waiters = _deque()
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not self._locked:
                self._wake_up_first()
            raise
        self._locked = True
        return True

    def release(self):
        if self._locked:
            self._locked = False
            self._wake_up_first()
        else:
            raise RuntimeError('Lock is not acquired.')

    def _wake_up_first(self):
        if not self._waiters:
            return
        fut = self._waiters[0]
        if not fut.done():
            fut.set_result(True)


class Event(_LoopBoundMixin):
    __module__ = 'asyncio.locks'

    def __init__(self):
        self._waiters = _deque()
        self._value = False

    def __repr__(self):
        res = _object_repr(self)
        extra = 'set' if self._value else 'unset'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    def is_set(self):
        return self._value

    def set(self):
        if not self._value:
            self._value = True
            for fut in self._waiters:
                if not fut.done():
                    fut.set_result(True)

    # C (queue.c): Queue.put_nowait calls it for every item.
    clear = _lab.event_clear

    @_at('locks.py', 200, 213)
    async def wait(self):
        if self._value:
            return True
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            await fut
            return True
        finally:
            self._waiters.remove(fut)


class Condition(_ContextManagerMixin, _LoopBoundMixin):
    __module__ = 'asyncio.locks'

    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = _deque()

    def __repr__(self):
        res = _object_repr(self)
        extra = 'locked' if self.locked() else 'unlocked'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    @_at('locks.py', 248, 267, 277)
    async def wait(self):
        if not self.locked():
            raise RuntimeError('cannot wait on un-acquired lock')
        self.release()
        try:
            fut = self._get_loop().create_future()
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            cancelled = False
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError:
                    cancelled = True
            if cancelled:
                raise CancelledError

    @_at('locks.py', 285, 294)
    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError('cannot notify on un-acquired lock')
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore(_ContextManagerMixin, _LoopBoundMixin):
    __module__ = 'asyncio.locks'

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("Semaphore initial value must be >= 0")
        self._waiters = None
        self._value = value

    def __repr__(self):
        res = _object_repr(self)
        extra = 'locked' if self.locked() else f'unlocked, value:{self._value}'
        if self._waiters:
            extra = f'{extra}, waiters:{len(self._waiters)}'
        return f'<{res[1:-1]} [{extra}]>'

    def locked(self):
        return self._value == 0 or (
            any(not w.cancelled() for w in (self._waiters or ())))

    @_at('locks.py', 364, 387)
    async def acquire(self):
        if not self.locked():
            self._value -= 1
            return True
        if self._waiters is None:
            self._waiters = _deque()
        fut = self._get_loop().create_future()
        self._waiters.append(fut)
        try:
            try:
                await fut
            finally:
                self._waiters.remove(fut)
        except CancelledError:
            if not fut.cancelled():
                self._value += 1
                self._wake_up_next()
            raise
        if self._value > 0:
            self._wake_up_next()
        return True

    def release(self):
        self._value += 1
        self._wake_up_next()

    def _wake_up_next(self):
        if not self._waiters:
            return
        for fut in self._waiters:
            if not fut.done():
                self._value -= 1
                fut.set_result(True)
                return


class BoundedSemaphore(Semaphore):
    __module__ = 'asyncio.locks'

    def __init__(self, value=1):
        self._bound_value = value
        super().__init__(value)

    def release(self):
        if self._value >= self._bound_value:
            raise ValueError('BoundedSemaphore released too many times')
        super().release()


class _BarrierState:
    def __init__(self, value):
        self.value = value


_FILLING = _BarrierState('filling')
_DRAINING = _BarrierState('draining')
_RESETTING = _BarrierState('resetting')
_BROKEN = _BarrierState('broken')


class Barrier(_LoopBoundMixin):
    # locks.Barrier (new in 3.11)
    __module__ = 'asyncio.locks'

    def __init__(self, parties):
        if parties < 1:
            raise ValueError('parties must be > 0')
        self._cond = Condition()
        self._parties = parties
        self._state = _FILLING
        self._count = 0

    def __repr__(self):
        res = _object_repr(self)
        extra = f'{self._state.value}'
        if not self.broken:
            extra += f', waiters:{self.n_waiting}/{self.parties}'
        return f'<{res[1:-1]} [{extra}]>'

    @_at('locks.py', 473, 476)
    async def __aenter__(self):
        return await self.wait()

    @_at('locks.py', 478)
    async def __aexit__(self, *args):
        pass

    @_at('locks.py', 481, 488, 489, 495, 497)
    async def wait(self):
        async with self._cond:
            await self._block()
            try:
                index = self._count
                self._count += 1
                if index + 1 == self._parties:
                    await self._release()
                else:
                    await self._wait()
                return index
            finally:
                self._count -= 1
                self._exit()

    @_at('locks.py', 504, 510)
    async def _block(self):
        await self._cond.wait_for(
            lambda: self._state not in (_DRAINING, _RESETTING))
        if self._state is _BROKEN:
            raise BrokenBarrierError("Barrier aborted")

    @_at('locks.py', 520)
    async def _release(self):
        self._state = _DRAINING
        self._cond.notify_all()

    @_at('locks.py', 528, 534)
    async def _wait(self):
        await self._cond.wait_for(lambda: self._state is not _FILLING)
        if self._state in (_BROKEN, _RESETTING):
            raise BrokenBarrierError("Abort or reset of barrier")

    def _exit(self):
        if self._count == 0:
            if self._state in (_RESETTING, _DRAINING):
                self._state = _FILLING
            self._cond.notify_all()

    @_at('locks.py', 547, 553)
    async def reset(self):
        async with self._cond:
            if self._count > 0:
                if self._state is not _RESETTING:
                    self._state = _RESETTING
            else:
                self._state = _FILLING
            self._cond.notify_all()

    @_at('locks.py', 562, 568)
    async def abort(self):
        async with self._cond:
            self._state = _BROKEN
            self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state is _FILLING:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state is _BROKEN


# ---- queues.py -------------------------------------------------------------

def _heappush(heap, item):
    heap.append(item)
    pos = len(heap) - 1
    while pos > 0:
        parent = (pos - 1) >> 1
        if heap[pos] < heap[parent]:
            heap[pos], heap[parent] = heap[parent], heap[pos]
            pos = parent
        else:
            break


def _heappop(heap):
    last = heap.pop()
    if not heap:
        return last
    top = heap[0]
    heap[0] = last
    pos = 0
    n = len(heap)
    while True:
        child = 2 * pos + 1
        if child >= n:
            break
        if child + 1 < n and not heap[child] < heap[child + 1]:
            child += 1
        if heap[child] < heap[pos]:
            heap[pos], heap[child] = heap[child], heap[pos]
            pos = child
        else:
            break
    return top


class Queue(_LoopBoundMixin):
    __module__ = 'asyncio.queues'

    def __init__(self, maxsize=0):
        self._maxsize = maxsize
        self._getters = _deque()
        self._putters = _deque()
        self._unfinished_tasks = 0
        self._finished = Event()
        self._finished.set()
        self._init(maxsize)

    def _init(self, maxsize):
        self._queue = _deque()

    # queues.py: __class_getitem__ = classmethod(GenericAlias); looplab's
    # subscripted classes are the classes themselves (README).
    @classmethod
    def __class_getitem__(cls, item):
        return cls

    # _get, _put, _wakeup_next, qsize, empty, full, put_nowait, get_nowait
    # and task_done are C (queue.c), each as queues.py's.
    _get = _lab.queue_get
    _put = _lab.queue_put
    _wakeup_next = _lab.queue_wakeup_next

    def __repr__(self):
        return f'<{type(self).__name__} at {id(self):#x} {self._format()}>'

    def __str__(self):
        return f'<{type(self).__name__} {self._format()}>'

    def _format(self):
        result = f'maxsize={self._maxsize!r}'
        if getattr(self, '_queue', None):
            result += f' _queue={list(self._queue)!r}'
        if self._getters:
            result += f' _getters[{len(self._getters)}]'
        if self._putters:
            result += f' _putters[{len(self._putters)}]'
        if self._unfinished_tasks:
            result += f' tasks={self._unfinished_tasks}'
        return result

    qsize = _lab.queue_qsize

    @property
    def maxsize(self):
        return self._maxsize

    empty = _lab.queue_empty
    full = _lab.queue_full

    @_at('queues.py', 110, 120)
    async def put(self, item):
        while self.full():
            putter = self._get_loop().create_future()
            self._putters.append(putter)
            try:
                await putter
            except:
                putter.cancel()
                try:
                    self._putters.remove(putter)
                except ValueError:
                    pass
                if not self.full() and not putter.cancelled():
                    self._wakeup_next(self._putters)
                raise
        return self.put_nowait(item)

    put_nowait = _lab.queue_put_nowait

    @_at('queues.py', 149, 158)
    async def get(self):
        while self.empty():
            getter = self._get_loop().create_future()
            self._getters.append(getter)
            try:
                await getter
            except:
                getter.cancel()
                try:
                    self._getters.remove(getter)
                except ValueError:
                    pass
                if not self.empty() and not getter.cancelled():
                    self._wakeup_next(self._getters)
                raise
        return self.get_nowait()

    get_nowait = _lab.queue_get_nowait
    task_done = _lab.queue_task_done

    @_at('queues.py', 206, 215)
    async def join(self):
        if self._unfinished_tasks > 0:
            await self._finished.wait()


class PriorityQueue(Queue):
    __module__ = 'asyncio.queues'

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        _heappush(self._queue, item)

    def _get(self):
        return _heappop(self._queue)


class LifoQueue(Queue):
    __module__ = 'asyncio.queues'

    def _init(self, maxsize):
        self._queue = []

    def _put(self, item):
        self._queue.append(item)

    def _get(self):
        return self._queue.pop()


# ---- timeouts.py ---------------------------------------------------------

class _TState:
    def __init__(self, value):
        self.value = value


_CREATED = _TState('created')
_ENTERED = _TState('active')
_EXPIRING = _TState('expiring')
_EXPIRED = _TState('expired')
_EXITED = _TState('finished')


class Timeout:
    __module__ = 'asyncio.timeouts'

    def __init__(self, when):
        self._state = _CREATED
        self._timeout_handler = None
        self._task = None
        self._when = when

    def when(self):
        return self._when

    def reschedule(self, when):
        if self._state is not _ENTERED:
            if self._state is _CREATED:
                raise RuntimeError("Timeout has not been entered")
            raise RuntimeError(
                f"Cannot change state of {self._state.value} Timeout",
            )
        self._when = when
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
        if when is None:
            self._timeout_handler = None
        else:
            loop = get_running_loop()
            if when <= loop.time():
                self._timeout_handler = loop.call_soon(self._on_timeout)
            else:
                self._timeout_handler = loop.call_at(when, self._on_timeout)

    def expired(self):
        return self._state in (_EXPIRING, _EXPIRED)

    def __repr__(self):
        info = ['']
        if self._state is _ENTERED:
            when = round(self._when, 3) if self._when is not None else None
            info.append(f"when={when}")
        info_str = ' '.join(info)
        return f"<Timeout [{self._state.value}]{info_str}>"

    @_at('timeouts.py', 85)
    async def __aenter__(self):
        if self._state is not _CREATED:
            raise RuntimeError("Timeout has already been entered")
        task = current_task()
        if task is None:
            raise RuntimeError("Timeout should be used inside a task")
        self._state = _ENTERED
        self._task = task
        self._cancelling = self._task.cancelling()
        self.reschedule(self._when)
        return self

    @_at('timeouts.py', 97)
    async def __aexit__(self, exc_type, exc_val, exc_tb):
        if self._timeout_handler is not None:
            self._timeout_handler.cancel()
            self._timeout_handler = None
        if self._state is _EXPIRING:
            self._state = _EXPIRED
            if self._task.uncancel() <= self._cancelling and \
                    exc_type is CancelledError:
                raise TimeoutError from exc_val
        elif self._state is _ENTERED:
            self._state = _EXITED
        return None

    def _on_timeout(self):
        self._task.cancel()
        self._state = _EXPIRING
        self._timeout_handler = None


def timeout(delay):
    loop = get_running_loop()
    return Timeout(loop.time() + delay if delay is not None else None)


def timeout_at(when):
    return Timeout(when)


# ---- taskgroups.py ---------------------------------------------------------

class TaskGroup:
    __module__ = 'asyncio.taskgroups'

    def __init__(self):
        self._entered = False
        self._exiting = False
        self._aborting = False
        self._loop = None
        self._parent_task = None
        self._parent_cancel_requested = False
        self._tasks = _TaskSet()
        self._errors = []
        self._base_error = None
        self._on_completed_fut = None

    def __repr__(self):
        info = ['']
        if self._tasks:
            info.append(f'tasks={len(self._tasks)}')
        if self._errors:
            info.append(f'errors={len(self._errors)}')
        if self._aborting:
            info.append('cancelling')
        elif self._entered:
            info.append('entered')
        info_str = ' '.join(info)
        return f'<TaskGroup{info_str}>'

    @_at('taskgroups.py', 54)
    async def __aenter__(self):
        if self._entered:
            raise RuntimeError(
                f"TaskGroup {self!r} has already been entered")
        if self._loop is None:
            self._loop = get_running_loop()
        self._parent_task = current_task(self._loop)
        if self._parent_task is None:
            raise RuntimeError(
                f'TaskGroup {self!r} cannot determine the parent task')
        self._entered = True
        return self

    @_at('taskgroups.py', 68, 110)
    async def __aexit__(self, et, exc, tb):
        self._exiting = True
        if (exc is not None and
                self._is_base_error(exc) and
                self._base_error is None):
            self._base_error = exc
        propagate_cancellation_error = \
            exc if et is CancelledError else None
        if self._parent_cancel_requested:
            if self._parent_task.uncancel() == 0:
                propagate_cancellation_error = None
        if et is not None:
            if not self._aborting:
                self._abort()
        while self._tasks:
            if self._on_completed_fut is None:
                self._on_completed_fut = self._loop.create_future()
            try:
                await self._on_completed_fut
            except CancelledError as ex:
                if not self._aborting:
                    propagate_cancellation_error = ex
                    self._abort()
            self._on_completed_fut = None
        if self._base_error is not None:
            raise self._base_error
        if propagate_cancellation_error and not self._errors:
            raise propagate_cancellation_error
        if et is not None and et is not CancelledError:
            self._errors.append(exc)
        if self._errors:
            try:
                me = BaseExceptionGroup('unhandled errors in a TaskGroup',
                                        self._errors)
                raise me from None
            finally:
                self._errors = None

    def create_task(self, coro, *, name=None, context=None):
        if not self._entered:
            raise RuntimeError(f"TaskGroup {self!r} has not been entered")
        if self._exiting and not self._tasks:
            raise RuntimeError(f"TaskGroup {self!r} is finished")
        if self._aborting:
            raise RuntimeError(f"TaskGroup {self!r} is shutting down")
        _pending_names.append(None if name is None else str(name))
        try:
            if context is None:
                task = self._loop.create_task(coro)
            else:
                task = self._loop.create_task(coro, context=context)
        finally:
            _pending_names.pop()
        _set_task_name(task, name)
        task.add_done_callback(self._on_task_done)
        self._tasks.add(task)
        return task

    def _is_base_error(self, exc):
        return isinstance(exc, (SystemExit, KeyboardInterrupt))

    def _abort(self):
        self._aborting = True
        for t in self._tasks:
            if not t.done():
                t.cancel()

    def _on_task_done(self, task):
        self._tasks.discard(task)
        if self._on_completed_fut is not None and not self._tasks:
            if not self._on_completed_fut.done():
                self._on_completed_fut.set_result(True)
        if task.cancelled():
            return
        exc = task.exception()
        if exc is None:
            return
        self._errors.append(exc)
        if self._is_base_error(exc) and self._base_error is None:
            self._base_error = exc
        if self._parent_task.done():
            self._loop.call_exception_handler({
                'message': f'Task {task!r} has errored out but its parent '
                           f'task {self._parent_task} is already completed',
                'exception': exc,
                'task': task,
            })
            return
        if not self._aborting and not self._parent_cancel_requested:
            self._abort()
            self._parent_cancel_requested = True
            self._parent_task.cancel()


# Submodule names programs use (asyncio.tasks.Task, asyncio.events...).
_self = sys.modules['asyncio']
events = futures = tasks = base_events = exceptions = coroutines = _self
locks = queues = runners = taskgroups = timeouts = base_futures = _self
unix_events = format_helpers = _self
