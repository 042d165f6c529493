"""functools.py - Tools for working with functions and callable objects
"""
# looplab: partial, reduce, wraps and update_wrapper are built in (C, in
# modules.c); this code runs in that module's namespace the first time a
# program imports functools, and adds what is written in Python here:
# lru_cache, cache, total_ordering, cached_property, partialmethod,
# cmp_to_key, singledispatch. Behaviour follows CPython 3.11.

from collections import namedtuple

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)


# ---- total_ordering ---------------------------------------------------------

# For each root operation the program defined, how the other three follow
# from it: (name, derive) where derive(result of root, self, other).
def _not_and_ne(r, self, other):
    return not r and self != other


def _or_eq(r, self, other):
    return r or self == other


def _not(r, self, other):
    return not r


def _and_ne(r, self, other):
    return r and self != other


def _not_or_eq(r, self, other):
    return not r or self == other


_DERIVED = {
    '__lt__': [('__gt__', _not_and_ne), ('__le__', _or_eq),
               ('__ge__', _not)],
    '__le__': [('__ge__', _not_or_eq), ('__lt__', _and_ne),
               ('__gt__', _not)],
    '__gt__': [('__lt__', _not_and_ne), ('__ge__', _or_eq),
               ('__le__', _not)],
    '__ge__': [('__le__', _not_or_eq), ('__gt__', _and_ne),
               ('__lt__', _not)],
}


def _derived_op(root, name, derive):
    def op(self, other):
        r = getattr(type(self), root)(self, other)
        if r is NotImplemented:
            return r
        return derive(r, self, other)
    op.__name__ = name
    op.__qualname__ = name
    return op


def total_ordering(cls):
    """Class decorator that fills in missing ordering methods"""
    roots = [op for op in _DERIVED
             if getattr(cls, op, None) is not getattr(object, op, None)]
    if not roots:
        raise ValueError('must define at least one ordering operation: '
                         '< > <= >=')
    # CPython picks max(roots): __lt__ first, then __le__, __gt__, __ge__.
    root = max(roots)
    for name, derive in _DERIVED[root]:
        if name not in roots:
            setattr(cls, name, _derived_op(root, name, derive))
    return cls


# ---- cmp_to_key -------------------------------------------------------------

class _CmpKey(object):
    # The key cmp_to_key(mycmp) gives: a subclass supplies _mycmp.
    # (looplab: a class written inside cmp_to_key could not see mycmp.)

    def __init__(self, obj):
        self.obj = obj

    def __lt__(self, other):
        return self._mycmp(self.obj, other.obj) < 0

    def __gt__(self, other):
        return self._mycmp(self.obj, other.obj) > 0

    def __eq__(self, other):
        return self._mycmp(self.obj, other.obj) == 0

    def __le__(self, other):
        return self._mycmp(self.obj, other.obj) <= 0

    def __ge__(self, other):
        return self._mycmp(self.obj, other.obj) >= 0

    __hash__ = None


def cmp_to_key(mycmp):
    """Convert a cmp= function into a key= function"""
    return type("K", (_CmpKey,), {"_mycmp": staticmethod(mycmp),
                                  "__module__": "functools"})


# ---- partialmethod ----------------------------------------------------------

class partialmethod(object):
    """Method descriptor with partial application of the given arguments
    and keywords.

    Supports wrapping existing descriptors and handles non-descriptor
    callables as instance methods.
    """

    def __init__(self, func, /, *args, **keywords):
        if not callable(func) and not hasattr(func, "__get__"):
            raise TypeError(f"{func!r} is not callable or a descriptor")
        if isinstance(func, partialmethod):
            self.func = func.func
            self.args = func.args + args
            self.keywords = {**func.keywords, **keywords}
        else:
            self.func = func
            self.args = args
            self.keywords = keywords

    def __repr__(self):
        args = ", ".join(map(repr, self.args))
        keywords = ", ".join(f"{k}={v!r}" for k, v in self.keywords.items())
        parts = ", ".join(p for p in (repr(self.func), args, keywords) if p)
        return f"{type(self).__module__}.{type(self).__qualname__}({parts})"

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return partial(self.func, obj, *self.args, **self.keywords)


# ---- lru_cache and cache ----------------------------------------------------

_CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize",
                                      "currsize"])
_KWD_MARK = object()


def _make_key(args, kwds, typed):
    # A key standing for the call: the arguments, then the keyword
    # arguments in the order given, then (typed) the argument types.
    key = args
    if kwds:
        key = key + (_KWD_MARK,)
        for item in kwds.items():
            key = key + item
    if typed:
        key = key + tuple(type(v) for v in args)
        if kwds:
            key = key + tuple(type(v) for v in kwds.values())
    return key


def _lru_cache_wrapper(user_function, maxsize, typed):
    # cache maps keys to results, least recently used first (a dict keeps
    # insertion order: a hit moves its key to the end).
    cache = {}
    stats = [0, 0]  # hits, misses
    missing = object()

    def wrapper(*args, **kwds):
        key = _make_key(args, kwds, typed)
        result = cache.get(key, missing)
        if result is not missing:
            stats[0] += 1
            if maxsize is not None:
                del cache[key]
                cache[key] = result
            return result
        stats[1] += 1
        result = user_function(*args, **kwds)
        if maxsize is None:
            cache[key] = result
        elif maxsize > 0 and key not in cache:
            if len(cache) >= maxsize:
                del cache[next(iter(cache))]
            cache[key] = result
        return result

    def cache_info():
        """Report cache statistics"""
        return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        """Clear the cache and cache statistics"""
        cache.clear()
        stats[0] = stats[1] = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    return wrapper


def lru_cache(maxsize=128, typed=False):
    """Least-recently-used cache decorator.

    If *maxsize* is set to None, the LRU features are disabled and the
    cache can grow without bound.

    If *typed* is True, arguments of different types will be cached
    separately.

    View the cache statistics named tuple (hits, misses, maxsize, currsize)
    with f.cache_info().  Clear the cache and statistics with
    f.cache_clear().  Access the underlying function with f.__wrapped__.
    """
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # @lru_cache without parentheses.
        user_function, maxsize = maxsize, 128
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize,
                                            'typed': typed}
        return update_wrapper(wrapper, user_function)
    elif maxsize is not None:
        raise TypeError(
            'Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize,
                                            'typed': typed}
        return update_wrapper(wrapper, user_function)

    return decorating_function


def cache(user_function, /):
    'Simple lightweight unbounded cache.  Sometimes called "memoize".'
    return lru_cache(maxsize=None)(user_function)


# ---- cached_property --------------------------------------------------------

_NOT_FOUND = object()


class cached_property:
    """A property computed once per instance and then kept as an ordinary
    attribute (in the instance's __dict__)."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError(
                "Cannot assign the same cached_property to two different "
                f"names ({self.attrname!r} and {name!r})."
            )

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError(
                "Cannot use cached_property instance without calling "
                "__set_name__ on it.")
        cache = getattr(instance, "__dict__", None)
        if cache is None:
            raise TypeError(
                f"No '__dict__' attribute on {type(instance).__name__!r} "
                f"instance to cache {self.attrname!r} property.")
        val = cache.get(self.attrname, _NOT_FOUND)
        if val is _NOT_FOUND:
            val = self.func(instance)
            cache[self.attrname] = val
        return val

    def __class_getitem__(cls, item):
        return cls


# ---- singledispatch ---------------------------------------------------------

def singledispatch(func):
    """Single-dispatch generic function decorator.

    Transforms a function into a generic function, which can have different
    behaviours depending upon the type of its first argument. The decorated
    function acts as the default implementation, and additional
    implementations can be registered using the register() attribute of the
    generic function.
    """
    registry = {object: func}

    def dispatch(cls):
        for klass in cls.__mro__:
            if klass in registry:
                return registry[klass]
        return func

    def register(cls, func=None):
        if func is None:
            if isinstance(cls, type):
                return lambda f: register(cls, f)
            # @register with an annotated first parameter.
            ann = getattr(cls, "__annotations__", {})
            if not ann:
                raise TypeError(
                    f"Invalid first argument to `register()`: {cls!r}. "
                    "Use either `@register(some_class)` or plain `@register` "
                    "on an annotated function.")
            func = cls
            cls = next(iter(ann.values()))
        registry[cls] = func
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError(f'{funcname} requires at least '
                            '1 positional argument')
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    update_wrapper(wrapper, func)
    return wrapper
