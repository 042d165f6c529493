"""Abstract Base Classes (ABCs) according to PEP 3119."""
# looplab's abc: ABC and abstractmethod, refusing to instantiate a class
# that leaves abstract methods unimplemented, with CPython 3.11's message.
#
# DIVERGES: looplab has no metaclasses. ABC checks in its __new__ what
# ABCMeta.__call__ checks; ABCMeta(name, bases, ns) makes a subclass of
# ABC; register() and __subclasshook__ (virtual subclasses) do nothing
# for isinstance().


def abstractmethod(funcobj):
    """A decorator indicating abstract methods."""
    funcobj.__isabstractmethod__ = True
    return funcobj


class abstractclassmethod(classmethod):
    """A decorator indicating abstract classmethods (deprecated)."""

    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractstaticmethod(staticmethod):
    """A decorator indicating abstract staticmethods (deprecated)."""

    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        super().__init__(callable)


class abstractproperty(property):
    """A decorator indicating abstract properties (deprecated)."""

    __isabstractmethod__ = True


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    # A property, classmethod or staticmethod over an abstract function.
    for attr in ("fget", "fset", "fdel", "__func__"):
        inner = getattr(value, attr, None)
        if inner is not None and getattr(inner, "__isabstractmethod__",
                                         False):
            return True
    return False


def _abstract_names(cls):
    # The names whose definition, as cls finds it through its MRO, is
    # still abstract.
    names = set()
    seen = set()
    for klass in cls.__mro__:
        for name, value in klass.__dict__.items():
            if name in seen:
                continue
            seen.add(name)
            if _is_abstract(value):
                names.add(name)
    return frozenset(names)


class ABC:
    """Helper class that provides a standard way to create an ABC using
    inheritance.
    """

    __slots__ = ()

    def __init_subclass__(cls, **kwargs):
        cls.__abstractmethods__ = _abstract_names(cls)

    def __new__(cls, *args, **kwargs):
        abstract = _abstract_names(cls)
        if abstract:
            s = "s" if len(abstract) > 1 else ""
            raise TypeError(f"Can't instantiate abstract class "
                            f"{cls.__name__} with abstract method{s} "
                            f"{', '.join(sorted(abstract))}")
        if (args or kwargs) and cls.__init__ is object.__init__:
            raise TypeError(f"{cls.__name__}() takes no arguments")
        return object.__new__(cls)

    @classmethod
    def register(cls, subclass):
        """Register a virtual subclass of an ABC (no effect in looplab)."""
        return subclass


ABC.__abstractmethods__ = frozenset()


def ABCMeta(name, bases, namespace, **kwargs):
    """Metaclass for defining Abstract Base Classes (looplab: a function
    making a subclass of ABC)."""
    if not any(issubclass(b, ABC) for b in bases):
        bases = bases + (ABC,)
    namespace = dict(namespace)
    return type(name, bases, namespace)


def get_cache_token():
    """Returns the current ABC cache token."""
    return 0


def update_abstractmethods(cls):
    """Recalculate the set of abstract methods of an abstract class."""
    if hasattr(cls, "__abstractmethods__"):
        cls.__abstractmethods__ = _abstract_names(cls)
    return cls
