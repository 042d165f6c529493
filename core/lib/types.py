"""
Define names for built-in types that aren't directly accessible as a builtin.
"""
# looplab: coroutine and the type names are built in (C, in modules.c);
# this code runs in that module's namespace the first time a program
# imports types, and adds SimpleNamespace and a few more type names.

NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
LambdaType = FunctionType
BuiltinMethodType = BuiltinFunctionType


class SimpleNamespace:
    """A simple attribute-based namespace.

    SimpleNamespace(**kwargs)"""

    def __init__(self, *args, **kwargs):
        if args:
            raise TypeError("no positional arguments expected")
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __repr__(self):
        name = "namespace" if type(self) is SimpleNamespace \
            else type(self).__name__
        if id(self) in _repr_running:
            return f"{name}(...)"
        _repr_running.add(id(self))
        try:
            items = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        finally:
            _repr_running.discard(id(self))
        return f"{name}({items})"

    def __eq__(self, other):
        if not isinstance(self, SimpleNamespace) or \
                not isinstance(other, SimpleNamespace):
            return NotImplemented
        return self.__dict__ == other.__dict__

    # The messages name the type as CPython's C type does.
    def __hash__(self):
        raise TypeError(f"unhashable type: '{_type_name(self)}'")

    def __getattr__(self, name):
        raise AttributeError(f"'{_type_name(self)}' object has no "
                             f"attribute '{name}'")


def _type_name(ns):
    t = type(ns)
    return "types.SimpleNamespace" if t is SimpleNamespace else t.__name__


# The ids of namespaces whose repr is being built (a namespace that
# contains itself shows as "namespace(...)").
_repr_running = set()
