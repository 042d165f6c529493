"""Utilities for with-statement contexts.  See PEP 343."""
# looplab's contextlib: CPython 3.11's Lib/contextlib.py behaviour (the
# same classes, messages and exception chaining), written for looplab.
# The async pieces await their parts directly, so that a task suspended
# in an "async with" is seen suspended in the program's own frame, as in
# CPython.

import sys
from functools import wraps

__all__ = ["asynccontextmanager", "contextmanager", "closing", "nullcontext",
           "AbstractContextManager", "AbstractAsyncContextManager",
           "AsyncExitStack", "ContextDecorator", "ExitStack",
           "redirect_stdout", "redirect_stderr", "suppress", "aclosing"]


class AbstractContextManager:
    """An abstract base class for context managers."""

    def __enter__(self):
        """Return `self` upon entering the runtime context."""
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        """Raise any exception triggered within the runtime context."""
        return None


class AbstractAsyncContextManager:
    """An abstract base class for asynchronous context managers."""

    async def __aenter__(self):
        """Return `self` upon entering the runtime context."""
        return self

    async def __aexit__(self, exc_type, exc_value, traceback):
        """Raise any exception triggered within the runtime context."""
        return None


class ContextDecorator:
    """A base class or mixin that enables context managers to work as
    decorators."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        def inner(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return inner


class AsyncContextDecorator:
    """A base class or mixin that enables async context managers to work
    as decorators."""

    def _recreate_cm(self):
        return self

    def __call__(self, func):
        @wraps(func)
        async def inner(*args, **kwds):
            async with self._recreate_cm():
                return await func(*args, **kwds)
        return inner


# ---- @contextmanager and @asynccontextmanager ----------------------------

class _GeneratorContextManagerBase:
    """Shared functionality for @contextmanager and @asynccontextmanager."""

    def __init__(self, func, args, kwds):
        self.gen = func(*args, **kwds)
        self.func = func
        self.args = args
        self.kwds = kwds
        doc = getattr(func, "__doc__", None)
        self.__doc__ = type(self).__doc__ if doc is None else doc

    def _recreate_cm(self):
        # One-shot: a decorated function gets a fresh one per call.
        return self.__class__(self.func, self.args, self.kwds)


def _thrown_back(exc, value, traceback):
    # After throw()/athrow(value) raised exc: True when exc stands for
    # value itself (re-raised as is, or a Stop(Async)Iteration that PEP 479
    # turned into the RuntimeError it caused), so that __exit__ reports
    # "not handled" rather than raising. value then gets back the
    # traceback it came with (without the generator's frames).
    if exc is not value and not (
            isinstance(exc, RuntimeError) and exc.__cause__ is value and
            isinstance(value, (StopIteration, StopAsyncIteration))):
        return False
    value.__traceback__ = traceback
    return True


class _GeneratorContextManager(_GeneratorContextManagerBase,
                               AbstractContextManager, ContextDecorator):
    """Helper for @contextmanager decorator."""

    def __enter__(self):
        # The arguments are needed only to recreate the manager.
        del self.args, self.kwds, self.func
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def __exit__(self, typ, value, traceback):
        if typ is None:
            try:
                next(self.gen)
            except StopIteration:
                return False
            try:
                raise RuntimeError("generator didn't stop")
            finally:
                self.gen.close()
        if value is None:
            # An instance is needed to recognise it when it comes back.
            value = typ()
        if traceback is None:
            # DIVERGES: looplab's with statement passes no traceback.
            traceback = value.__traceback__
        try:
            self.gen.throw(value)
        except StopIteration as exc:
            # The generator finished: the exception was handled, unless it
            # is the StopIteration raised in the block itself.
            return exc is not value
        except BaseException as exc:
            if not _thrown_back(exc, value, traceback):
                raise
            return False
        try:
            raise RuntimeError("generator didn't stop after throw()")
        finally:
            self.gen.close()


class _AsyncGeneratorContextManager(_GeneratorContextManagerBase,
                                    AbstractAsyncContextManager,
                                    AsyncContextDecorator):
    """Helper for @asynccontextmanager decorator."""

    async def __aenter__(self):
        del self.args, self.kwds, self.func
        try:
            return await anext(self.gen)
        except StopAsyncIteration:
            raise RuntimeError("generator didn't yield") from None

    async def __aexit__(self, typ, value, traceback):
        if typ is None:
            try:
                await anext(self.gen)
            except StopAsyncIteration:
                return False
            try:
                raise RuntimeError("generator didn't stop")
            finally:
                await self.gen.aclose()
        if value is None:
            value = typ()
        if traceback is None:
            traceback = value.__traceback__
        try:
            await self.gen.athrow(value)
        except StopAsyncIteration as exc:
            return exc is not value
        except BaseException as exc:
            if not _thrown_back(exc, value, traceback):
                raise
            return False
        try:
            raise RuntimeError("generator didn't stop after athrow()")
        finally:
            await self.gen.aclose()


def contextmanager(func):
    """@contextmanager decorator.

    Typical usage:

        @contextmanager
        def some_generator(<arguments>):
            <setup>
            try:
                yield <value>
            finally:
                <cleanup>
    """
    @wraps(func)
    def helper(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return helper


def asynccontextmanager(func):
    """@asynccontextmanager decorator.

    Typical usage:

        @asynccontextmanager
        async def some_async_generator(<arguments>):
            <setup>
            try:
                yield <value>
            finally:
                <cleanup>
    """
    @wraps(func)
    def helper(*args, **kwds):
        return _AsyncGeneratorContextManager(func, args, kwds)
    return helper


# ---- Small context managers -----------------------------------------------

class closing(AbstractContextManager):
    """Context to automatically close something at the end of a block."""

    def __init__(self, thing):
        self.thing = thing

    def __enter__(self):
        return self.thing

    def __exit__(self, *exc_info):
        self.thing.close()


class aclosing(AbstractAsyncContextManager):
    """Async context manager for safely finalizing an asynchronously
    cleaned-up resource such as an async generator, calling its
    ``aclose()`` method."""

    def __init__(self, thing):
        self.thing = thing

    async def __aenter__(self):
        return self.thing

    async def __aexit__(self, *exc_info):
        await self.thing.aclose()


class _RedirectStream(AbstractContextManager):

    _stream = None

    def __init__(self, new_target):
        self._new_target = new_target
        self._old_targets = []

    def __enter__(self):
        self._old_targets.append(getattr(sys, self._stream))
        setattr(sys, self._stream, self._new_target)
        return self._new_target

    def __exit__(self, exctype, excinst, exctb):
        setattr(sys, self._stream, self._old_targets.pop())


class redirect_stdout(_RedirectStream):
    """Context manager for temporarily redirecting stdout to another file."""

    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    """Context manager for temporarily redirecting stderr to another file."""

    _stream = "stderr"


class suppress(AbstractContextManager):
    """Context manager to suppress specified exceptions

    After the exception is suppressed, execution proceeds with the next
    statement following the with statement.
    """

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __enter__(self):
        pass

    def __exit__(self, exctype, excinst, exctb):
        return exctype is not None and issubclass(exctype, self._exceptions)


class nullcontext(AbstractContextManager, AbstractAsyncContextManager):
    """Context manager that does no additional processing."""

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __enter__(self):
        return self.enter_result

    def __exit__(self, *excinfo):
        pass

    async def __aenter__(self):
        return self.enter_result

    async def __aexit__(self, *excinfo):
        pass


# ---- ExitStack and AsyncExitStack -------------------------------------------

def _protocol_error(cm, what):
    cls = type(cm)
    return TypeError(f"'{cls.__module__}.{cls.__qualname__}' object does "
                     f"not support the {what} protocol")


def _bind_exit(cm, cm_exit):
    # The exit method looked up on the type, bound to the manager.
    def _exit_wrapper(exc_type, exc, tb):
        return cm_exit(cm, exc_type, exc, tb)
    return _exit_wrapper


class _BaseExitStack:
    """A base class for ExitStack and AsyncExitStack."""

    # _exit_callbacks: (is_sync, callback) pairs, run last first.

    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        """Preserve the context stack by transferring it to a new instance."""
        new_stack = type(self)()
        new_stack._exit_callbacks = self._exit_callbacks
        self._exit_callbacks = []
        return new_stack

    def push(self, exit):
        """Registers a callback with the standard __exit__ method signature.

        Can suppress exceptions the same way __exit__ method can.
        Also accepts any object with an __exit__ method (registering a call
        to the method instead of the object itself).
        """
        exit_method = getattr(type(exit), "__exit__", None)
        if exit_method is None:
            self._exit_callbacks.append((True, exit))
        else:
            self._exit_callbacks.append((True, _bind_exit(exit, exit_method)))
        return exit

    def enter_context(self, cm):
        """Enters the supplied context manager.

        If successful, also pushes its __exit__ method as a callback and
        returns the result of the __enter__ method.
        """
        cls = type(cm)
        enter = getattr(cls, "__enter__", None)
        exit = getattr(cls, "__exit__", None)
        if enter is None or exit is None:
            raise _protocol_error(cm, "context manager") from None
        result = enter(cm)
        self._exit_callbacks.append((True, _bind_exit(cm, exit)))
        return result

    def callback(self, callback, /, *args, **kwds):
        """Registers an arbitrary callback and arguments.

        Cannot suppress exceptions.
        """
        def _exit_wrapper(exc_type, exc, tb):
            callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((True, _exit_wrapper))
        return callback


def _unwinder(frame_exc):
    # Returns set_context(new_exc, old_exc), which makes the chain of
    # __context__ of an exception raised by one callback end at the
    # exception the previous callbacks left, as nested with statements
    # would (not at the exception being handled around the stack).
    def set_context(new_exc, old_exc):
        while True:
            ctx = new_exc.__context__
            if ctx is None or ctx is old_exc:
                return
            if ctx is frame_exc:
                break
            new_exc = ctx
        new_exc.__context__ = old_exc
    return set_context


def _raise_pending(exc):
    # Re-raising sets __context__ again: keep the one the unwinding made.
    ctx = exc.__context__
    try:
        raise exc
    except BaseException:
        exc.__context__ = ctx
        raise


class ExitStack(_BaseExitStack, AbstractContextManager):
    """Context manager for dynamic management of a stack of exit callbacks.

    For example:
        with ExitStack() as stack:
            files = [stack.enter_context(open(fname)) for fname in filenames]
    """

    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        set_context = _unwinder(sys.exc_info()[1])
        suppressed = False
        pending = False
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            try:
                if cb(*exc_details):
                    suppressed = True
                    pending = False
                    exc_details = (None, None, None)
            except BaseException as new_exc:
                set_context(new_exc, exc_details[1])
                pending = True
                exc_details = (type(new_exc), new_exc, new_exc.__traceback__)
        if pending:
            _raise_pending(exc_details[1])
        return received_exc and suppressed

    def close(self):
        """Immediately unwind the context stack."""
        self.__exit__(None, None, None)


class AsyncExitStack(_BaseExitStack, AbstractAsyncContextManager):
    """Async context manager for dynamic management of a stack of exit
    callbacks.

    For example:
        async with AsyncExitStack() as stack:
            connections = [await stack.enter_async_context(get_connection())
                for i in range(5)]
    """

    async def enter_async_context(self, cm):
        """Enters the supplied async context manager.

        If successful, also pushes its __aexit__ method as a callback and
        returns the result of the __aenter__ method.
        """
        cls = type(cm)
        enter = getattr(cls, "__aenter__", None)
        exit = getattr(cls, "__aexit__", None)
        if enter is None or exit is None:
            raise _protocol_error(cm, "asynchronous context manager") from None
        result = await enter(cm)
        self._exit_callbacks.append((False, _bind_exit(cm, exit)))
        return result

    def push_async_exit(self, exit):
        """Registers a coroutine function with the standard __aexit__ method
        signature.

        Can suppress exceptions the same way __aexit__ method can.
        Also accepts any object with an __aexit__ method (registering a call
        to the method instead of the object itself).
        """
        exit_method = getattr(type(exit), "__aexit__", None)
        if exit_method is None:
            self._exit_callbacks.append((False, exit))
        else:
            self._exit_callbacks.append((False,
                                         _bind_exit(exit, exit_method)))
        return exit

    def push_async_callback(self, callback, /, *args, **kwds):
        """Registers an arbitrary coroutine function and arguments.

        Cannot suppress exceptions.
        """
        async def _exit_wrapper(exc_type, exc, tb):
            await callback(*args, **kwds)
        _exit_wrapper.__wrapped__ = callback
        self._exit_callbacks.append((False, _exit_wrapper))
        return callback

    async def aclose(self):
        """Immediately unwind the context stack."""
        await self.__aexit__(None, None, None)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc_details):
        received_exc = exc_details[0] is not None
        set_context = _unwinder(sys.exc_info()[1])
        suppressed = False
        pending = False
        while self._exit_callbacks:
            is_sync, cb = self._exit_callbacks.pop()
            try:
                if is_sync:
                    cb_suppress = cb(*exc_details)
                else:
                    cb_suppress = await cb(*exc_details)
                if cb_suppress:
                    suppressed = True
                    pending = False
                    exc_details = (None, None, None)
            except BaseException as new_exc:
                set_context(new_exc, exc_details[1])
                pending = True
                exc_details = (type(new_exc), new_exc, new_exc.__traceback__)
        if pending:
            _raise_pending(exc_details[1])
        return received_exc and suppressed
