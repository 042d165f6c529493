"""Generic (shallow and deep) copying operations.

Interface summary:

        import copy

        x = copy.copy(y)                # make a shallow copy of y
        x = copy.deepcopy(y, memo=None) # make a deep copy of y
"""
# looplab's copy: CPython 3.11's rules for the built-in types (atoms are
# not copied, containers are rebuilt) and for classes (__copy__,
# __deepcopy__, or a new instance of the class, made without calling
# __init__, given a copy of the instance's __dict__).


class Error(Exception):
    pass


error = Error

__all__ = ["Error", "copy", "deepcopy"]

# Immutable objects that are their own copies.
_ATOMIC = {type(None), int, float, bool, str, type, range,
           type(Ellipsis), type(NotImplemented), type(len),
           type(lambda: None), property}


def _new_instance(cls):
    # An instance of cls on which __init__ has not run.
    return object.__new__(cls)


def _reconstruct(x, memo, deep):
    # A new instance of x's class with x's state: its __dict__, and the
    # items of a list, dict or set subclass. A tuple subclass (a named
    # tuple) is made from __getnewargs__.
    cls = type(x)
    getnewargs = getattr(cls, "__getnewargs__", None)
    if getnewargs is not None:
        args = getnewargs(x)
        if deep:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args)
    else:
        y = _new_instance(cls)
    if memo is not None:
        memo[id(x)] = y
    state = getattr(x, "__dict__", None)
    if state:
        if deep:
            state = deepcopy(state, memo)
        y.__dict__.update(state)
    if isinstance(x, dict):
        for key, value in x.items():
            if deep:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
            dict.__setitem__(y, key, value)
    elif isinstance(x, list):
        for a in x:
            list.append(y, deepcopy(a, memo) if deep else a)
    elif isinstance(x, set):
        for a in x:
            set.add(y, deepcopy(a, memo) if deep else a)
    return y


def copy(x):
    """Shallow copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    cls = type(x)
    if cls in _ATOMIC or cls in (tuple, frozenset):
        return x
    if cls in (list, dict, set):
        return cls(x)
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    if isinstance(x, type):
        return x
    return _reconstruct(x, None, False)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC or isinstance(x, type):
        return x
    copier = getattr(cls, "__deepcopy__", None)
    if copier is not None:
        y = copier(x, memo)
    elif cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls in (set, frozenset):
        y = cls([deepcopy(a, memo) for a in x])
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        # A tuple whose items are their own copies is its own copy.
        if all(a is b for a, b in zip(x, items)):
            y = x
        else:
            y = memo[d] if d in memo else tuple(items)
    else:
        y = _reconstruct(x, memo, True)
    if y is not x:
        memo[d] = y
        # Keep x alive while memo is (its id is a key), as CPython does.
        memo.setdefault(id(memo), []).append(x)
    return y
