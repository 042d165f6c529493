"""
The typing module: Support for gradual typing as defined by PEP 484 and
subsequent PEPs.
"""
# looplab's typing: the names a typed program uses, with CPython 3.11's
# reprs (typing.Optional[int], ~T), NamedTuple, TypedDict, Generic and
# Protocol in class syntax. Types are not checked, as in CPython.
#
# DIVERGES: looplab has no metaclasses nor __mro_entries__, so Generic[T],
# Protocol[T] and MyGeneric[int] give the class itself (CPython: an alias
# that the class statement replaces by the class), and NamedTuple and
# TypedDict are base classes that rework the classes derived from them.

import collections as _collections

TYPE_CHECKING = False


def _type_repr(obj):
    # How an argument of a subscripted form is shown.
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if obj is None or obj is type(None):
        return "None"
    if isinstance(obj, (list, tuple)):
        return "[" + ", ".join(_type_repr(a) for a in obj) + "]"
    if type(obj).__name__ == "function":
        return obj.__name__
    return repr(obj)


class _GenericAlias:
    # A subscripted form: List[int], Optional[str], Callable[[int], str].
    # _name is what the repr shows before the brackets.

    def __init__(self, origin, args, name=None):
        self.__origin__ = origin
        self.__args__ = args if isinstance(args, tuple) else (args,)
        self._name = name

    def __repr__(self):
        if self._name is not None:
            name = f"typing.{self._name}"
        else:
            name = _type_repr(self.__origin__)
        args = self.__args__
        if self._name == "Optional":
            args = [a for a in args if a is not type(None)]
        if not args:
            return f"{name}[()]"
        return f"{name}[{', '.join(_type_repr(a) for a in args)}]"

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return (self.__origin__ == other.__origin__ and
                self.__args__ == other.__args__)

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __getitem__(self, params):
        # A further subscript (Dict[str, T][int]) keeps the alias.
        return self

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError("Subscripted generics cannot be used with class "
                        "and instance checks")

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _SpecialForm:
    # Any, Union, Optional, ...: subscripted through _getitem(self, params).

    def __init__(self, name, doc, getitem=None):
        self._name = name
        self.__doc__ = doc
        self._getitem = getitem

    def __repr__(self):
        return "typing." + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __getitem__(self, parameters):
        if self._getitem is None:
            raise TypeError(f"{self} is not subscriptable")
        return self._getitem(self, parameters)


def _flatten_union(params):
    out = []
    for p in params:
        if isinstance(p, _GenericAlias) and p.__origin__ is Union:
            items = p.__args__
        else:
            items = (type(None),) if p is None else (p,)
        for item in items:
            if item not in out:
                out.append(item)
    return tuple(out)


def _union_getitem(self, parameters):
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    args = _flatten_union(parameters)
    if len(args) == 1:
        return args[0]
    if len(args) == 2 and type(None) in args:
        return _GenericAlias(Union, args, "Optional")
    return _GenericAlias(Union, args, "Union")


def _optional_getitem(self, parameters):
    return Union[parameters, type(None)]


def _simple_getitem(self, parameters):
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    return _GenericAlias(self, parameters, self._name)


Any = _SpecialForm("Any", "Special type indicating an unconstrained type.")
NoReturn = _SpecialForm("NoReturn",
                        "Special type indicating functions that never "
                        "return.")
Never = _SpecialForm("Never", "The bottom type, a type that has no members.")
Self = _SpecialForm("Self", "Used to spell the type of \"self\" in classes.")
LiteralString = _SpecialForm("LiteralString",
                             "Represents an arbitrary literal string.")
TypeAlias = _SpecialForm("TypeAlias",
                         "Special marker indicating that an assignment "
                         "should be recognized as a proper type alias "
                         "definition by type checkers.")
Union = _SpecialForm("Union", "Union type; Union[X, Y] means either X or Y.",
                     _union_getitem)
Optional = _SpecialForm("Optional",
                        "Optional type.\n\nOptional[X] is equivalent to "
                        "Union[X, None].", _optional_getitem)
ClassVar = _SpecialForm("ClassVar", "Special type construct to mark class "
                        "variables.", _simple_getitem)
Final = _SpecialForm("Final", "Special typing construct to indicate final "
                     "names to type checkers.", _simple_getitem)
Literal = _SpecialForm("Literal", "Special typing form to define literal "
                       "types (a.k.a. value types).", _simple_getitem)
Annotated = _SpecialForm("Annotated", "Add context-specific metadata to a "
                         "type.", _simple_getitem)
Required = _SpecialForm("Required", "A special typing construct to mark a "
                        "key of a total=False TypedDict as required.",
                        _simple_getitem)
NotRequired = _SpecialForm("NotRequired", "A special typing construct to "
                           "mark a key of a TypedDict as potentially "
                           "missing.", _simple_getitem)
TypeGuard = _SpecialForm("TypeGuard", "Special typing form used to "
                         "annotate the return type of a user-defined type "
                         "guard function.", _simple_getitem)
Concatenate = _SpecialForm("Concatenate", "Used in conjunction with "
                           "ParamSpec and Callable.", _simple_getitem)
Unpack = _SpecialForm("Unpack", "Type unpack operator.", _simple_getitem)


class _SpecialGenericAlias:
    # The generic versions of concrete classes: List, Dict, Callable, ...
    # Unsubscripted they show as typing.List; calling one makes the
    # concrete class.

    def __init__(self, origin, name, nparams=-1):
        self.__origin__ = origin
        self._name = name
        self._nparams = nparams

    def __repr__(self):
        return f"typing.{self._name}"

    def __getitem__(self, params):
        if self._name == "Callable" and isinstance(params, tuple) and \
                len(params) == 2:
            args, result = params
            if isinstance(args, list):
                return _CallableAlias(self.__origin__, tuple(args), result)
            return _GenericAlias(self.__origin__, (args, result), "Callable")
        if not isinstance(params, tuple):
            params = (params,)
        return _GenericAlias(self.__origin__, params, self._name)

    def __call__(self, *args, **kwargs):
        if self._name in ("List", "Dict", "Set", "FrozenSet", "Tuple",
                          "Type"):
            raise TypeError(f"Type {self._name} cannot be instantiated; use "
                            f"{self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __eq__(self, other):
        if not isinstance(other, _SpecialGenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and \
            self._name == other._name

    def __hash__(self):
        return hash((self.__origin__, self._name))

    def __getattr__(self, attr):
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)
        return getattr(self.__origin__, attr)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _CallableAlias(_GenericAlias):
    # Callable[[int, str], bool]: the argument list shows in brackets.

    def __init__(self, origin, args, result):
        _GenericAlias.__init__(self, origin, args + (result,), "Callable")
        self._params = args
        self._result = result

    def __repr__(self):
        params = ", ".join(_type_repr(a) for a in self._params)
        return f"typing.Callable[[{params}], {_type_repr(self._result)}]"


class _AbstractBase:
    # The stand-in class for an abstract collection (Iterable, Awaitable,
    # ...): looplab has no collections.abc.
    pass


def _abstract(name):
    return type(name, (_AbstractBase,), {"__module__": "collections.abc"})


List = _SpecialGenericAlias(list, "List")
Dict = _SpecialGenericAlias(dict, "Dict")
Set = _SpecialGenericAlias(set, "Set")
FrozenSet = _SpecialGenericAlias(frozenset, "FrozenSet")
Tuple = _SpecialGenericAlias(tuple, "Tuple")
Type = _SpecialGenericAlias(type, "Type")
Deque = _SpecialGenericAlias(_collections.deque, "Deque")
DefaultDict = _SpecialGenericAlias(_collections.defaultdict, "DefaultDict")
OrderedDict = _SpecialGenericAlias(_collections.OrderedDict, "OrderedDict")
Counter = _SpecialGenericAlias(_collections.Counter, "Counter")
ChainMap = _SpecialGenericAlias(_collections.ChainMap, "ChainMap")
Text = str

for _name in ("Callable", "Awaitable", "Coroutine", "AsyncIterable",
              "AsyncIterator", "AsyncGenerator", "Iterable", "Iterator",
              "Generator", "Reversible", "Container", "Collection",
              "Hashable", "Sized", "Sequence", "MutableSequence", "Mapping",
              "MutableMapping", "AbstractSet", "MutableSet", "KeysView",
              "ItemsView", "ValuesView", "MappingView", "ContextManager",
              "AsyncContextManager", "ByteString"):
    globals()[_name] = _SpecialGenericAlias(_abstract(_name), _name)
del _name


# ---- TypeVar, ParamSpec, NewType --------------------------------------------

class TypeVar:
    """Type variable."""

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        if len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        self.__module__ = "__main__"

    def __repr__(self):
        if self.__covariant__:
            prefix = "+"
        elif self.__contravariant__:
            prefix = "-"
        else:
            prefix = "~"
        return prefix + self.__name__

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]


class ParamSpec(TypeVar):
    """Parameter specification variable."""

    def __init__(self, name, *, bound=None, covariant=False,
                 contravariant=False):
        TypeVar.__init__(self, name, bound=bound, covariant=covariant,
                         contravariant=contravariant)


class TypeVarTuple:
    """Type variable tuple."""

    def __init__(self, name):
        self.__name__ = name

    def __repr__(self):
        return self.__name__


AnyStr = TypeVar("AnyStr")


class NewType:
    """NewType creates simple unique types with almost zero runtime
    overhead."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        self.__name__ = name.rpartition(".")[2]
        self.__supertype__ = tp
        self.__module__ = "__main__"

    def __repr__(self):
        return f"{self.__module__}.{self.__qualname__}"

    def __call__(self, x):
        return x

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


# ---- Generic and Protocol ---------------------------------------------------

class Generic:
    """Abstract base class for generic types.

    A generic type is typically declared by inheriting from
    this class parameterized with one or more type variables.
    """

    def __class_getitem__(cls, params):
        # DIVERGES: the class itself (see the top of this file).
        if cls is Generic or cls is Protocol:
            if not isinstance(params, tuple):
                params = (params,)
            if not params:
                raise TypeError(f"Parameter list to {cls.__qualname__}[...] "
                                f"cannot be empty")
        return cls


class Protocol(Generic):
    """Base class for protocol classes (structural subtyping, checked only
    by static type checkers)."""


def runtime_checkable(cls):
    """Mark a protocol class as a runtime protocol."""
    cls._is_runtime_protocol = True
    return cls


# ---- NamedTuple and TypedDict -----------------------------------------------

class NamedTuple(tuple):
    """Typed version of namedtuple.

    Usage::

        class Employee(NamedTuple):
            name: str
            id: int
    """

    def __new__(cls, typename=None, fields=None, /, **kwargs):
        # NamedTuple("Employee", [("name", str), ("id", int)])
        if fields is None:
            fields = kwargs.items()
        fields = list(fields)
        nt = _collections.namedtuple(typename, [n for n, t in fields])
        nt.__annotations__ = dict(fields)
        return nt

    def __init_subclass__(cls, **kwargs):
        # The class statement made cls: turn it into a named tuple whose
        # fields are its annotations, in order, defaults from its body.
        # (Subclasses of such a class are ordinary subclasses.)
        if NamedTuple not in cls.__bases__:
            return
        ns = cls.__dict__
        types = dict(ns.get("__annotations__", {}))
        fields = tuple(types)
        defaults = []
        default_names = []
        for name in fields:
            if name in ns:
                defaults.append(ns[name])
                default_names.append(name)
            elif defaults:
                s = "s" if len(defaults) > 1 else ""
                raise TypeError(f"Non-default namedtuple field {name} "
                                f"cannot follow default field{s} "
                                f"{', '.join(default_names)}")
        for name in fields:
            if name.startswith("_"):
                raise ValueError("Field names cannot start with an "
                                 f"underscore: {name!r}")
        attrs = _collections._namedtuple_ns(cls.__name__, fields, defaults)
        if ns.get("__doc__") is None:
            cls.__doc__ = attrs["__doc__"]
        for name, value in attrs.items():
            if name in ("__slots__", "__doc__") or \
                    (name in ns and name not in fields and
                     name != "__new__"):
                continue
            setattr(cls, name, value)
        cls.__annotations__ = types


class TypedDict(dict):
    """A simple typed namespace. At runtime it is equivalent
    to a plain dict.
    """

    def __init_subclass__(cls, total=True, **kwargs):
        annotations = {}
        for base in reversed(cls.__mro__):
            annotations.update(base.__dict__.get("__annotations__", {}))
        cls.__annotations__ = annotations
        cls.__total__ = total
        cls.__required_keys__ = frozenset(annotations) if total \
            else frozenset()
        cls.__optional_keys__ = frozenset() if total \
            else frozenset(annotations)

        def __new__(klass, *args, **kw):
            return dict(*args, **kw)
        cls.__new__ = __new__


# ---- Functions --------------------------------------------------------------

def cast(typ, val):
    """Cast a value to a type.

    This returns the value unchanged.
    """
    return val


def assert_type(val, typ, /):
    """Ask a static type checker to confirm that the value is of the given
    type. At runtime this returns the value unchanged."""
    return val


def assert_never(arg, /):
    """Statically assert that a line of code is unreachable."""
    value = repr(arg)
    if len(value) > 100:
        value = value[:100] + '...'
    raise AssertionError(f"Expected code to be unreachable, but got: "
                         f"{value}")


def reveal_type(obj, /):
    """Reveal the inferred type of a variable."""
    import sys
    print(f"Runtime type is {type(obj).__name__!r}", file=sys.stderr)
    return obj


def overload(func):
    """Decorator for overloaded functions/methods."""
    def _overload_dummy(*args, **kwds):
        raise NotImplementedError(
            "You should not call an overloaded function. "
            "A series of @overload-decorated functions "
            "outside a stub module should always be followed "
            "by an implementation that is not @overload-ed.")
    return _overload_dummy


def final(f):
    """A decorator to indicate final methods and final classes."""
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    """Decorator to indicate that annotations are not type hints."""
    return arg


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """Return type hints for an object (its annotations, with None as
    NoneType; string annotations are not evaluated in looplab)."""
    hints = {}
    if isinstance(obj, type):
        for base in reversed(obj.__mro__):
            hints.update(base.__dict__.get("__annotations__", {}))
    else:
        hints.update(getattr(obj, "__annotations__", {}) or {})
    for name, value in hints.items():
        if value is None:
            hints[name] = type(None)
    return hints


def get_origin(tp):
    """Get the unsubscripted version of a type."""
    if isinstance(tp, (_GenericAlias, _SpecialGenericAlias)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    return None


def get_args(tp):
    """Get type arguments with all substitutions performed."""
    if isinstance(tp, _CallableAlias):
        return (list(tp._params), tp._result)
    if isinstance(tp, _GenericAlias):
        return tp.__args__
    return ()

